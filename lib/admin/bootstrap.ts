// The first administrator of a production installation (NODE_ENV=production has no demo
// accounts): `npm run admin:create -- --username …` (scripts/admin-create.ts). No session and
// no HTTP: whoever can run commands on the server and reach its database may do this.
import { randomInt } from "node:crypto";
import { writeAudit } from "../audit";
import { hashPassword, ZNewPassword } from "../auth/password";
import type { PrismaClient } from "../generated/prisma/client";
import { ZDisplayName, ZUsername } from "./schemas";

/** A refusal with a message for the operator (Chinese and English). */
export class AdminCreateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdminCreateError";
  }
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 20 characters from 55 (about 115 bits), with a letter and a digit. */
export function generateStrongPassword(username = ""): string {
  for (;;) {
    const p = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    if (ZNewPassword(username).safeParse(p).success) return p;
  }
}

export type CreatedAdmin = { id: number; username: string; displayName: string; generatedPassword: string | null };

/**
 * Creates an enabled user with the admin role. A given password must pass the password policy
 * and is kept; without one a strong password is generated, returned once, and must be changed
 * at the first sign-in. Refuses an existing username, changing nothing. Audited.
 */
export async function createAdministrator(prisma: PrismaClient, input: { username: string; displayName?: string; password?: string }): Promise<CreatedAdmin> {
  const username = ZUsername.safeParse(input.username);
  if (!username.success) throw new AdminCreateError(`用户名无效：${username.error.issues[0].message} / invalid username`);
  const displayName = ZDisplayName.safeParse(input.displayName ?? "系统管理员");
  if (!displayName.success) throw new AdminCreateError(`姓名无效：${displayName.error.issues[0].message} / invalid --name`);
  if (input.password !== undefined) {
    const p = ZNewPassword(username.data).safeParse(input.password);
    if (!p.success) throw new AdminCreateError(`密码不符合要求：${p.error.issues[0].message} / the password does not meet the policy`);
  }
  const exists = () => new AdminCreateError(`用户 ${username.data} 已存在，未做任何改动。/ user ${username.data} already exists; nothing was changed.`);
  if (await prisma.user.findUnique({ where: { username: username.data }, select: { id: true } })) throw exists();
  const generatedPassword = input.password === undefined ? generateStrongPassword(username.data) : null;
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { username: username.data, displayName: displayName.data, roles: ["admin"], unitCode: null, passwordHash, mustChangePassword: generatedPassword !== null },
        select: { id: true, username: true, displayName: true },
      });
      await writeAudit(tx, {
        actorName: "admin:create（命令行）",
        action: "user.create",
        entityType: "user",
        entityId: created.id,
        after: { username: created.username, displayName: created.displayName, roles: ["admin"], unitCode: null, disabled: false },
      });
      return created;
    });
    return { ...row, generatedPassword };
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw exists(); // created concurrently
    throw e;
  }
}
