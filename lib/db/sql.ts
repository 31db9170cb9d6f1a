import "server-only";
// Typed SQL through `pg` for the hot write paths where Prisma's client-side query
// interpreter is the cost (the draft save and submit; see docs/architecture.md "Typed
// SQL"). Same pool as Prisma (lib/db/client.ts), so the pool's limit holds for both.
// Every row read here is parsed by a zod schema before it is used.
import type pg from "pg";
import type { z } from "zod";
import { getDb } from "./client";

export type Sql = Pick<pg.ClientBase, "query">;

/** Rows of a query, each parsed by `schema`. */
export async function rows<S extends z.ZodType>(sql: Sql, schema: S, text: string, values: unknown[]): Promise<z.infer<S>[]> {
  const r = await sql.query(text, values);
  return r.rows.map((row) => schema.parse(row));
}

/**
 * Runs `fn` in one READ COMMITTED transaction on a connection of its own; commits what it
 * returns, rolls back whatever it throws (and rethrows).
 */
export async function sqlTransaction<T>(fn: (sql: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getDb().pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    try {
      const out = await fn(client);
      await client.query("COMMIT");
      return out;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw e;
    }
  } finally {
    // a connection that could not even roll back is not given to the next request
    client.release(broken || undefined);
  }
}
