
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitGroup" AS ENUM ('department', 'county', 'city');

-- CreateTable
CREATE TABLE "unit" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" "UnitGroup" NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "unit_name_history" (
    "id" SERIAL NOT NULL,
    "unit_code" TEXT NOT NULL,
    "old_name" TEXT NOT NULL,
    "new_name" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_by" TEXT,
    "reason" TEXT,

    CONSTRAINT "unit_name_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "edition" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "checksum" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "edition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "part_code" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "parent_code" TEXT,
    "name" TEXT NOT NULL,
    "max_points" DECIMAL(12,4) NOT NULL,
    "is_leaf" BOOLEAN NOT NULL,
    "rule_type" TEXT,
    "scope" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "website_column" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "parent_code" TEXT,
    "name" TEXT NOT NULL,
    "content" TEXT,
    "is_leaf" BOOLEAN NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "website_column_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "unit_name_history_unit_code_idx" ON "unit_name_history"("unit_code");

-- CreateIndex
CREATE UNIQUE INDEX "edition_key_version_key" ON "edition"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "edition_key_checksum_key" ON "edition"("key", "checksum");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_edition_id_code_key" ON "indicator"("edition_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "website_column_edition_id_code_key" ON "website_column"("edition_id", "code");

-- AddForeignKey
ALTER TABLE "unit_name_history" ADD CONSTRAINT "unit_name_history_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "website_column" ADD CONSTRAINT "website_column_edition_id_fkey" FOREIGN KEY ("edition_id") REFERENCES "edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

