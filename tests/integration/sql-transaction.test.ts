// lib/db/sql.ts sqlTransaction on the pipelined pool: BEGIN goes out with the callback's
// first statements instead of on its own round trip. The callback must still run entirely
// inside one transaction, see every answer in order, and leave nothing behind on a throw.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

let sql: typeof import("@/lib/db/sql");
const g = globalThis as unknown as { __egovDb?: { close: () => Promise<void>; pool: import("pg").Pool } };

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl"); // this file's own migrated database
  await g.__egovDb?.close();
  delete g.__egovDb;
  sql = await import("@/lib/db/sql");
  const { getDb } = await import("@/lib/db/client");
  await getDb().pool.query("CREATE TABLE tx_probe (n int)");
});

afterAll(async () => {
  await g.__egovDb?.close();
  delete g.__egovDb;
});

describe("sqlTransaction", () => {
  it("runs the callback's first statement inside the transaction (one transaction id for all of them)", async () => {
    const ids = await sql.sqlTransaction(async (c) => {
      // sent together with BEGIN, without waiting: the first one must already be in the transaction
      const [a, b] = await Promise.all([c.query("SELECT pg_current_xact_id()::text AS id"), c.query("SELECT pg_current_xact_id()::text AS id")]);
      const later = await c.query("SELECT pg_current_xact_id()::text AS id");
      return [a.rows[0].id, b.rows[0].id, later.rows[0].id] as string[];
    });
    expect(new Set(ids).size).toBe(1);
  });

  it("rolls back the first statement's write when the callback throws, and rethrows", async () => {
    await expect(
      sql.sqlTransaction(async (c) => {
        await c.query("INSERT INTO tx_probe (n) VALUES (1)");
        throw new Error("after the write");
      }),
    ).rejects.toThrow("after the write");
    const { getDb } = await import("@/lib/db/client");
    expect((await getDb().pool.query("SELECT count(*)::int AS n FROM tx_probe")).rows[0].n).toBe(0);
  });

  it("rolls back and rethrows a statement's error; statements pipelined behind it fail with it, and the pool stays usable", async () => {
    const err = await sql
      .sqlTransaction(async (c) => {
        await Promise.all([c.query("INSERT INTO tx_probe (n) VALUES (2)"), c.query("SELECT 1 / 0"), c.query("INSERT INTO tx_probe (n) VALUES (3)")]);
      })
      .catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/division by zero/);
    const { getDb } = await import("@/lib/db/client");
    expect((await getDb().pool.query("SELECT count(*)::int AS n FROM tx_probe")).rows[0].n).toBe(0);
    // the same connections serve the next transaction normally
    const out = await sql.sqlTransaction(async (c) => {
      await c.query("INSERT INTO tx_probe (n) VALUES (4)");
      return (await c.query("SELECT count(*)::int AS n FROM tx_probe")).rows[0].n as number;
    });
    expect(out).toBe(1);
  });
});
