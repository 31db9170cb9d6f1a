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
 *
 * BEGIN is not awaited on its own: the pool's connections are pipelined (lib/db/prisma.ts),
 * so it goes out with `fn`'s first statements, which PostgreSQL runs after it. `fn` sees no
 * result before BEGIN has succeeded (each query's answer waits for BEGIN's), so it can never
 * act on a read, or send a write, outside the transaction.
 */
export async function sqlTransaction<T>(fn: (sql: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getDb().pool.connect();
  let broken = false;
  try {
    const begun = client.query("BEGIN");
    begun.catch(() => {}); // awaited below and by every query of `fn`
    const query = (...args: unknown[]) => Promise.all([begun, (client.query as (...a: unknown[]) => Promise<unknown>)(...args)]).then(([, r]) => r);
    const tx = new Proxy(client, {
      get: (target, prop) => {
        if (prop === "query") return query;
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    try {
      const out = await fn(tx);
      await begun;
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
