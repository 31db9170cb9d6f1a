-- Edition authoring: an edition row is either a draft (editable, never current, no
-- indicator rows) or published (immutable). A draft remembers the edition it was copied
-- from (for the diff and the 试算 preview) and a revision counter for the version
-- conflict check of concurrent editors.
ALTER TABLE "edition" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'published';
ALTER TABLE "edition" ADD COLUMN "source_edition_id" INTEGER;
ALTER TABLE "edition" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "edition" ADD COLUMN "published_at" TIMESTAMPTZ(3);
ALTER TABLE "edition" ADD CONSTRAINT "edition_status_check" CHECK ("status" IN ('draft', 'published'));
