// Deadline records used to live as text in the reviewer's fact note and were parsed back;
// migration 20261202100000_deadline_record copies them into deadline_record. Run on a
// database migrated up to the migration before it, holding such notes: nothing is lost.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createFreshDatabase } from "../setup/pg";

const MIGRATION = "20261202100000_deadline_record";
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

// the note format saveDeadlineRecords wrote before the table existed (lib/review/deadlines.ts recordsToNote)
const LEGACY_NOTE = [
  "【工作日期限记录】期限 7 个工作日；名称｜起始日期｜完成日期｜期限｜结论",
  "许可A｜2017-09-25｜2017-10-10｜期限 2017-10-10｜按期",
  "许可B｜2017-09-25｜2017-10-11｜期限 2017-10-10｜逾期",
  "处罚C｜2017-06-01｜｜期限 2017-06-12｜未完成",
  "坏行｜2017-02-30｜｜期限无法计算｜无法判断",
].join("\n");

describe("migration of note-encoded deadline records", () => {
  it("copies every record of an old note into deadline_record, in order, and keeps the note", async () => {
    const db = await createFreshDatabase(inject("adminUrl"), "egov_deadline_mig");
    cleanups.push(db.drop);
    const before = mkdtempSync(path.join(os.tmpdir(), "egov-mig-"));
    cleanups.push(() => rmSync(before, { recursive: true, force: true }));
    cpSync("prisma/migrations", before, { recursive: true });
    rmSync(path.join(before, MIGRATION), { recursive: true, force: true });
    await migrate(db.url, { dir: before });

    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    cleanups.push(() => c.end());
    const insert = `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, updated_by_id) VALUES ($1, $2, $3, $4, $5, 'reviewed', 7)`;
    await c.query(insert, [1, "city", "item.a", "review", JSON.stringify({ value: { numerator: 1, denominator: 3 }, note: LEGACY_NOTE })]);
    await c.query(insert, [1, "dept-x", "item.b", "review", JSON.stringify({ value: { score: "8" }, note: "普通说明，不含记录" })]);
    await c.query(insert, [1, "dept-x", "item.a", "self", JSON.stringify({ value: { numerator: 1, denominator: 1 } })]);

    const r = await migrate(db.url);
    expect(r.applied).toEqual([MIGRATION]);
    const rows = await c.query(
      `SELECT unit_code, item_code, position, name, to_char(start_date, 'YYYY-MM-DD') s, to_char(done_date, 'YYYY-MM-DD') d, to_char(due_date, 'YYYY-MM-DD') due, on_time, workdays, updated_by_id
       FROM deadline_record ORDER BY unit_code, item_code, position`,
    );
    expect(rows.rows).toEqual([
      { unit_code: "city", item_code: "item.a", position: 0, name: "许可A", s: "2017-09-25", d: "2017-10-10", due: "2017-10-10", on_time: true, workdays: 7, updated_by_id: 7 },
      { unit_code: "city", item_code: "item.a", position: 1, name: "许可B", s: "2017-09-25", d: "2017-10-11", due: "2017-10-10", on_time: false, workdays: 7, updated_by_id: 7 },
      { unit_code: "city", item_code: "item.a", position: 2, name: "处罚C", s: "2017-06-01", d: null, due: "2017-06-12", on_time: false, workdays: 7, updated_by_id: 7 },
    ]);
    // the note itself is untouched (the audit trail and the fact keep what was written)
    const note = await c.query(`SELECT payload->>'note' AS note FROM item_fact WHERE unit_code = 'city'`);
    expect(note.rows[0].note).toBe(LEGACY_NOTE);
  });
});
