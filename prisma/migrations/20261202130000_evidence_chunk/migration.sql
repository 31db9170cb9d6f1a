-- Evidence file contents live in the database (issue #16): each file is a run of chunks of
-- 256 KiB (the last one shorter), numbered from 0. An upload writes its chunks and its
-- evidence row in one transaction; the foreign key is checked at commit, so the chunks can
-- arrive before the row, and an interrupted upload leaves neither.
CREATE TABLE "evidence_chunk" (
    "evidence_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "evidence_chunk_pkey" PRIMARY KEY ("evidence_id", "seq"),
    CONSTRAINT "evidence_chunk_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT "evidence_chunk_seq_check" CHECK ("seq" >= 0)
);

-- Uploads are mostly compressed already (PDF, JPEG, docx): store chunks out of line
-- without trying to compress them again.
ALTER TABLE "evidence_chunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;
