-- Results back to units and appeals (issue #19 §3). The office publishes an edition's
-- results to the units (provisional, before 定稿); from then a unit may appeal an item until
-- the window closes (N official working days after publication). A reviewer accepts (the
-- score is adjusted through the ordinary review adjustment) or rejects, with a reason.
CREATE TYPE "AppealStatus" AS ENUM ('pending', 'accepted', 'rejected');

CREATE TABLE "result_publication" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "appeal_workdays" INTEGER NOT NULL DEFAULT 5,
    "appeal_deadline" TIMESTAMPTZ(3) NOT NULL,
    "published_by_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "result_publication_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "result_publication_edition_id_key" ON "result_publication"("edition_id");

CREATE TABLE "appeal" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "AppealStatus" NOT NULL DEFAULT 'pending',
    "score_before" TEXT,
    "score_after" TEXT,
    "filed_by_id" INTEGER,
    "filed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision_reason" TEXT,
    "decided_by_id" INTEGER,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "appeal_pkey" PRIMARY KEY ("id")
);

-- at most one open appeal per unit and item: lib/results/appeals.ts checks it under the
-- item's advisory lock (a partial unique index is beyond what schema.prisma can state)
CREATE INDEX "appeal_edition_id_unit_code_idx" ON "appeal"("edition_id", "unit_code");
