// The key that signs session cookies. NEXTAUTH_SECRET wins; otherwise one is generated on
// first start and kept in the database, so every instance on that database shares it.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/prisma";

export async function ensureAuthSecret(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const fresh = randomBytes(32).toString("base64url");
  await db.prisma.appSetting.upsert({ where: { key: "nextauth_secret" }, create: { key: "nextauth_secret", value: fresh }, update: {} });
  const row = await db.prisma.appSetting.findUniqueOrThrow({ where: { key: "nextauth_secret" } });
  return row.value;
}
