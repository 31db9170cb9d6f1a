import "server-only";
// Account changes: own password, admin reset, disable, roles. Each one audited.
import { getPrisma } from "../db/client";
import { writeAudit } from "../audit";
import { UserError } from "./guard";
import { hashPassword, verifyPassword, ZNewPassword } from "./password";
import type { SessionUser } from "./session";

export async function changeOwnPassword(user: SessionUser, input: { current: string; next: string; confirm: string }, ip: string): Promise<{ changed: true }> {
  const prisma = getPrisma();
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row) throw new UserError("账号不存在", 404);
  if (!(await verifyPassword(row.passwordHash, input.current))) throw new UserError("当前密码不正确", 400, { current: "当前密码不正确" });
  const policy = ZNewPassword(user.username).safeParse(input.next);
  if (!policy.success) throw new UserError(policy.error.issues[0].message, 400, { next: policy.error.issues[0].message });
  if (input.next !== input.confirm) throw new UserError("两次输入的新密码不一致", 400, { confirm: "两次输入的新密码不一致" });
  if (input.next === input.current) throw new UserError("新密码不能与当前密码相同", 400, { next: "新密码不能与当前密码相同" });
  const passwordHash = await hashPassword(input.next);
  await prisma.$transaction(async (tx) => {
    // the session version stays: this session continues, others do not get a new one
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await writeAudit(tx, { actor: user, ip, action: "user.password.change", entityType: "user", entityId: user.id });
  });
  return { changed: true };
}
