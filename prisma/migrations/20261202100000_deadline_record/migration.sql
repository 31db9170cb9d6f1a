-- Working-day deadline records get their own table. Until now they were kept as text in
-- the reviewer's fact note ("【工作日期限记录】期限 N 个工作日；名称｜起始日期｜完成日期｜期限｜结论"
-- and one line per record) and parsed back. Existing notes are copied here; the notes
-- themselves are left as they are (nothing is deleted).
CREATE TABLE "deadline_record" (
    "id" SERIAL NOT NULL,
    "edition_id" INTEGER NOT NULL,
    "unit_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "done_date" DATE,
    "due_date" DATE,
    "on_time" BOOLEAN NOT NULL,
    "workdays" INTEGER NOT NULL,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deadline_record_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "deadline_record_edition_id_unit_code_item_code_position_key" ON "deadline_record"("edition_id", "unit_code", "item_code", "position");

-- A text that is not a real date (hand-edited data) becomes NULL instead of failing the migration.
CREATE FUNCTION pg_temp.deadline_date(t TEXT) RETURNS DATE AS $$
BEGIN
  IF t !~ '^\d{4}-\d{2}-\d{2}$' THEN RETURN NULL; END IF;
  RETURN t::date;
EXCEPTION WHEN others THEN RETURN NULL;
END $$ LANGUAGE plpgsql;

INSERT INTO "deadline_record" ("edition_id", "unit_code", "item_code", "position", "name", "start_date", "done_date", "due_date", "on_time", "workdays", "updated_by_id", "updated_at")
SELECT r.edition_id, r.unit_code, r.item_code,
       (row_number() OVER (PARTITION BY r.id ORDER BY r.n) - 1)::int,
       r.name, r.start_date, r.done_date, r.due_date, r.status = '按期', r.workdays, r.updated_by_id, r.updated_at
FROM (
  SELECT f.id, f.edition_id, f.unit_code, f.item_code, f.updated_by_id, f.updated_at, l.n,
         split_part(l.line, '｜', 1) AS name,
         pg_temp.deadline_date(split_part(l.line, '｜', 2)) AS start_date,
         pg_temp.deadline_date(split_part(l.line, '｜', 3)) AS done_date,
         pg_temp.deadline_date(substring(split_part(l.line, '｜', 4) FROM '^期限 (\d{4}-\d{2}-\d{2})$')) AS due_date,
         split_part(l.line, '｜', 5) AS status,
         COALESCE(substring(f.payload->>'note' FROM '^【工作日期限记录】期限 (\d+) 个工作日')::int, 0) AS workdays
  FROM "item_fact" f
  CROSS JOIN LATERAL regexp_split_to_table(f.payload->>'note', E'\n') WITH ORDINALITY AS l(line, n)
  WHERE f.source = 'review' AND f.payload->>'note' LIKE '【工作日期限记录】%' AND l.n > 1
) r
WHERE r.name <> '' AND r.start_date IS NOT NULL;

DROP FUNCTION pg_temp.deadline_date(TEXT);
