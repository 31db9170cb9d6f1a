// Demo accounts for a first start: one per role, plus a 填报员 for a department and one for
// a county. Passwords are random and printed once (or DEMO_PASSWORD for tests). With
// NODE_ENV=production they are created only when DEMO_ACCOUNTS=1 opts in.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/prisma";
import { writeAudit } from "../audit";
import { hashPassword } from "./password";
import type { Role } from "./permissions";

type Demo = { username: string; displayName: string; roles: Role[]; unitName?: string };

export const DEMO_USERS: Demo[] = [
  { username: "admin", displayName: "系统管理员", roles: ["admin"] },
  { username: "reviewer", displayName: "数字办审核员", roles: ["reviewer"] },
  { username: "leader", displayName: "市领导", roles: ["leader"] },
  { username: "dept", displayName: "市数字办填报员", roles: ["filler"], unitName: "市数字办" },
  { username: "county", displayName: "三元区填报员", roles: ["filler"], unitName: "三元区" },
];

export function demoAccountsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DEMO_ACCOUNTS === "0") return false;
  if (env.NODE_ENV === "production") return env.DEMO_ACCOUNTS === "1";
  return true;
}

function randomPassword(): string {
  return `Demo-${randomBytes(6).toString("base64url")}${Math.floor(Math.random() * 90 + 10)}`;
}

/** Creates the missing demo accounts; returns them with their passwords (the caller prints them once). */
export async function seedDemoUsers(db: Db, log: (m: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<{ username: string; password: string }[]> {
  if (!demoAccountsWanted(env)) return [];
  const created: { username: string; password: string; label: string }[] = [];
  for (const d of DEMO_USERS) {
    if (await db.prisma.user.findUnique({ where: { username: d.username }, select: { id: true } })) continue;
    let unitCode: string | null = null;
    if (d.unitName) {
      const unit = await db.prisma.unit.findFirst({ where: { OR: [{ name: d.unitName }, { aliases: { has: d.unitName } }] }, select: { code: true } });
      if (!unit) {
        log(`[seed] 未找到单位“${d.unitName}”，跳过演示账号 ${d.username}`);
        continue;
      }
      unitCode = unit.code;
    }
    const password = env.DEMO_PASSWORD || randomPassword();
    const user = await db.prisma.user.create({
      data: {
        username: d.username,
        displayName: d.displayName,
        passwordHash: await hashPassword(password),
        roles: d.roles,
        unitCode,
        mustChangePassword: false, // demo accounts; accounts created by an admin must change at first sign-in
      },
    });
    await writeAudit(db.prisma, { actorName: "system", action: "user.create.demo", entityType: "user", entityId: user.id, after: { username: d.username, roles: d.roles, unitCode } });
    created.push({ username: d.username, password, label: d.displayName });
  }
  return created.map(({ username, password }) => ({ username, password }));
}
