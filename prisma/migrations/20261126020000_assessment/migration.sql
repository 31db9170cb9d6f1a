
-- CreateEnum
CREATE TYPE "FactSource" AS ENUM ('self', 'review');

-- CreateEnum
CREATE TYPE "ItemStatus" AS ENUM ('draft', 'submitted', 'returned', 'reviewed');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('draft', 'submitted', 'reviewed');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('file', 'link');

-- CreateTable
CREATE TABLE "item_fact" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "source" "FactSource" NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "ItemStatus" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "return_comment" TEXT,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "item_fact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit_submission" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'draft',
    "round" INTEGER NOT NULL DEFAULT 0,
    "submitted_at" TIMESTAMPTZ(3),
    "reviewed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_period" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "opens_at" TIMESTAMPTZ(3) NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "period_extension" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "granted_by_id" INTEGER,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "period_extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" TEXT NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "file_name" TEXT,
    "mime_type" TEXT,
    "size_bytes" INTEGER,
    "sha256" TEXT,
    "storage_key" TEXT,
    "url" TEXT,
    "title" TEXT,
    "covers_from" DATE,
    "covers_to" DATE,
    "uploaded_by_id" INTEGER,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_event" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "item_code" TEXT,
    "round" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "method" TEXT,
    "comment" TEXT,
    "actor_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_penalty" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "part_code" TEXT NOT NULL,
    "points" DECIMAL(12,4) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "post_penalty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "result_finalisation" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "part_code" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "finalised_by_id" INTEGER,
    "finalised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reopened_by_id" INTEGER,
    "reopened_at" TIMESTAMPTZ(3),
    "reopen_reason" TEXT,

    CONSTRAINT "result_finalisation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "item_fact_edition_id_unit_code_idx" ON "item_fact"("edition_id", "unit_code");

-- CreateIndex
CREATE UNIQUE INDEX "item_fact_edition_id_unit_code_item_code_source_key" ON "item_fact"("edition_id", "unit_code", "item_code", "source");

-- CreateIndex
CREATE UNIQUE INDEX "unit_submission_edition_id_unit_code_key" ON "unit_submission"("edition_id", "unit_code");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_period_edition_id_key" ON "assessment_period"("edition_id");

-- CreateIndex
CREATE UNIQUE INDEX "period_extension_edition_id_unit_code_key" ON "period_extension"("edition_id", "unit_code");

-- CreateIndex
CREATE INDEX "evidence_edition_id_unit_code_item_code_idx" ON "evidence"("edition_id", "unit_code", "item_code");

-- CreateIndex
CREATE INDEX "review_event_edition_id_unit_code_idx" ON "review_event"("edition_id", "unit_code");

-- CreateIndex
CREATE INDEX "post_penalty_edition_id_unit_code_idx" ON "post_penalty"("edition_id", "unit_code");

-- CreateIndex
CREATE INDEX "result_finalisation_edition_id_part_code_idx" ON "result_finalisation"("edition_id", "part_code");

