// Signed-out sessions: their id is listed until the session's absolute lifetime is over,
// and lib/auth/session.ts (readSessionUser) and the page cache refuse a cookie naming a listed id.
import type { PrismaClient } from "../generated/prisma/client";
import { liveClaims, SESSION_ABSOLUTE_SECONDS } from "./session-cookie";

export async function revokeSession(prisma: PrismaClient, token: unknown): Promise<void> {
  const claims = liveClaims(token);
  if (!claims) return; // expired or not one of ours: nothing can use it anyway
  const expiresAt = new Date((claims.at + SESSION_ABSOLUTE_SECONDS) * 1000);
  await prisma.revokedSession.upsert({
    where: { sid: claims.sid },
    create: { sid: claims.sid, userId: claims.uid, expiresAt },
    update: {},
  });
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

