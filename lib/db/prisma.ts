// Creating a Prisma client on a pg pool. Used by the server (lib/db/client.ts), the
// start script, the seed and tests; connection errors are logged, never fatal.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = { prisma: PrismaClient; pool: pg.Pool; close: () => Promise<void> };

export function createDb(url: string, max = 10): Db {
  // pipeline: queries issued together on one connection are sent together and answered in
  // order (one round trip for the draft save's three locking reads); code that awaits each
  // query behaves as before. Nothing here uses portals (pg-cursor, `rows`), which pipeline
  // mode refuses.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, pipeline: true });
  pool.on("error", (e) => console.error(`[db] 连接错误: ${e.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

type Bound = { prisma: PrismaClient; target: { client: pg.PoolClient | null } };
const idleBound: Bound[] = [];

function bindable(): Bound {
  const target: Bound["target"] = { client: null };
  const pool = Object.create(pg.Pool.prototype) as pg.Pool;
  Object.assign(pool, {
    options: {},
    query: (...args: unknown[]) => {
      if (!target.client) throw new Error("withPrismaOn: used outside its callback");
      return (target.client.query as (...a: unknown[]) => unknown)(...args);
    },
    connect: async () => {
      throw new Error("withPrismaOn: no nested transactions; the caller owns the transaction");
    },
    on: () => pool,
    removeListener: () => pool,
  });
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), target };
}

/**
 * Runs `fn` with a Prisma client whose every query goes to `client`, an already
 * checked-out connection, inside whatever transaction the caller has open on it (Prisma's
 * own `$transaction` is refused). For work that must share one transaction with raw `pg`
 * queries: evidence uploads send their chunks as binary `pg` parameters (Prisma would copy
 * each through base64 several times: ~100 MB of garbage for a 20 MB file), then use the
 * domain's Prisma code (lock checks, the row, the audit entry) in the same transaction.
 * Prisma's adapter only accepts a pg.Pool, so it gets one whose queries go to `client`.
 * Clients are kept for reuse: making one costs a query-compiler start-up.
 */
export async function withPrismaOn<T>(client: pg.PoolClient, fn: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const bound = idleBound.pop() ?? bindable();
  bound.target.client = client;
  try {
    return await fn(bound.prisma);
  } finally {
    bound.target.client = null;
    idleBound.push(bound);
  }
}
