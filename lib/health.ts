import "server-only";
import { getDb } from "./db/client";
import { MIGRATIONS_TABLE } from "./db/constants";
import pkg from "../package.json";

export type Health =
  | { status: "ok"; db: "ok"; migrations: number; version: string }
  | { status: "error"; db: "down"; reason: string; version: string };

/** Asks the database directly, every time: recovers by itself when the database returns. */
export async function checkHealth(timeoutMs = 3_000): Promise<Health> {
  const { pool } = getDb();
  try {
    const q = pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${MIGRATIONS_TABLE}"`);
    q.catch(() => {}); // settled by the race below; avoid an unhandled rejection after a timeout
    const timeout = new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`数据库 ${timeoutMs} ms 内无响应`)), timeoutMs));
    const r = await Promise.race([q, timeout]);
    return { status: "ok", db: "ok", migrations: r.rows[0].n, version: pkg.version };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { status: "error", db: "down", reason: `数据库不可用：${msg || "连接失败"}`, version: pkg.version };
  }
}
