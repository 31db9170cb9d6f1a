import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { migrate, MigrationError, readMigrations } from "@/lib/db/migrate";
import { createFreshDatabase } from "../setup/pg";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshDb() {
  const db = await createFreshDatabase(inject("adminUrl"));
  cleanups.push(db.drop);
  return db;
}

function copyMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "egov-mig-"));
  cpSync("prisma/migrations", dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function appliedRows(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query(`SELECT name FROM _app_migrations ORDER BY name`);
  await c.end();
  return r.rows.map((x) => x.name as string);
}

describe("migration runner", () => {
  it("applies every migration once, in order, and nothing on the second run", async () => {
    const db = await freshDb();
    const all = readMigrations().map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    const first = await migrate(db.url);
    expect(first.applied).toEqual(all);
    const second = await migrate(db.url);
    expect(second.applied).toEqual([]);
    expect(await appliedRows(db.url)).toEqual(all);
  });

  it("refuses to start when an applied migration's file was edited, naming it", async () => {
    const db = await freshDb();
    const dir = copyMigrations();
    await migrate(db.url, { dir });
    const first = readMigrations(dir)[0].name;
    appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited later\n");
    const err = await migrate(db.url, { dir }).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain(first);
    expect(err.message).toContain("被修改");
  });

  it("two concurrent runs apply each migration exactly once", async () => {
    const db = await freshDb();
    const dir = copyMigrations();
    // a slow migration widens the race window; it would fail if applied twice
    mkdirSync(path.join(dir, "29991231000000_slow_probe"));
    writeFileSync(path.join(dir, "29991231000000_slow_probe", "migration.sql"), "SELECT pg_sleep(0.5);\nCREATE TABLE slow_probe (id int);\n");
    const [a, b] = await Promise.all([migrate(db.url, { dir }), migrate(db.url, { dir })]);
    const total = readMigrations(dir).length;
    expect(a.applied.length + b.applied.length).toBe(total);
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, total]);
    expect(await appliedRows(db.url)).toHaveLength(total);
  });

  it("a failing migration rolls back and is not recorded", async () => {
    const db = await freshDb();
    const dir = copyMigrations();
    mkdirSync(path.join(dir, "29991231000001_broken"));
    writeFileSync(path.join(dir, "29991231000001_broken", "migration.sql"), "CREATE TABLE half_done (id int);\nSELECT no_such_function();\n");
    const err = await migrate(db.url, { dir }).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain("29991231000001_broken");
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const t = await c.query(`SELECT to_regclass('half_done') AS t`);
    await c.end();
    expect(t.rows[0].t).toBeNull();
    expect(await appliedRows(db.url)).not.toContain("29991231000001_broken");
  });
});
