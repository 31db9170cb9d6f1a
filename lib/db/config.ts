// Where the app keeps its data and which PostgreSQL it talks to. Read once, from env.
import path from "node:path";

export type DbTarget =
  | { kind: "external"; url: string }
  | { kind: "embedded"; dataDir: string; pgDir: string; port: number };

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR ?? ".data");
}

export function resolveDbTarget(env: NodeJS.ProcessEnv = process.env): DbTarget {
  if (env.DATABASE_URL && env.DATABASE_URL.trim() !== "") return { kind: "external", url: env.DATABASE_URL };
  const dir = dataDir(env);
  const port = Number(env.EMBEDDED_PG_PORT ?? 54321);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT 无效：${env.EMBEDDED_PG_PORT}（应为 1–65535 的整数）`);
  }
  return { kind: "embedded", dataDir: dir, pgDir: path.join(dir, "pg"), port };
}
