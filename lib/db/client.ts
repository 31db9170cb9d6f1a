import "server-only";
// One database handle per server process.
import { createDb, type Db } from "./prisma";
import type { PrismaClient } from "../generated/prisma/client";

const globalForDb = globalThis as unknown as { __egovDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__egovDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL 未设置：请用 npm start 启动（它会启动内置数据库并设置该变量）");
    globalForDb.__egovDb = createDb(url, Number(process.env.DB_POOL_MAX ?? 10));
  }
  return globalForDb.__egovDb;
}

export function getPrisma(): PrismaClient {
  return getDb().prisma;
}
