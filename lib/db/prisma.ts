// Creating a Prisma client on a pg pool. Used by the server (lib/db/client.ts), the
// start script, the seed and tests; connection errors are logged, never fatal.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = { prisma: PrismaClient; pool: pg.Pool; close: () => Promise<void> };

export function createDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
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
