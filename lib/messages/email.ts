import "server-only";
// Optional e-mail copies of messages through SMTP (SMTP_URL, e.g. smtp://user:pass@host:587;
// off when unset). The message rows are the outbox: notify() marks rows "pending" inside the
// caller's transaction; flushEmail() sends them after it committed. Any app instance may
// flush: rows are claimed with FOR UPDATE SKIP LOCKED, so each is sent once.
import nodemailer from "nodemailer";
import { getPrisma } from "../db/client";
import type { PrismaClient } from "../generated/prisma/client";

const BATCH = 50;

function transport() {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  return nodemailer.createTransport(url);
}

/** Sends pending e-mail copies; returns how many were sent. Never throws (failures are logged and marked). */
export async function flushEmail(prisma: PrismaClient = getPrisma()): Promise<number> {
  const t = transport();
  if (!t) return 0;
  const from = process.env.SMTP_FROM || "egov-assessment@localhost";
  const base = (process.env.NEXTAUTH_URL ?? "").replace(/\/$/, "");
  let sent = 0;
  try {
    await prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: number; title: string; body: string; link: string | null; email: string }[]>`
          SELECT m.id, m.title, m.body, m.link, u.email FROM message m JOIN app_user u ON u.id = m.user_id
          WHERE m.email_status = 'pending' AND u.email IS NOT NULL ORDER BY m.id LIMIT ${BATCH} FOR UPDATE OF m SKIP LOCKED`;
        for (const r of rows) {
          let status = "sent";
          try {
            await t.sendMail({
              from,
              to: r.email,
              subject: `【电子政务绩效考核】${r.title}`,
              text: `${r.body}${r.link ? `\n\n${base}${r.link}` : ""}\n\n（本邮件由系统自动发送，请登录系统查看消息中心。）`,
            });
            sent++;
          } catch (e) {
            status = "failed";
            console.error(`[email] 发送失败 message ${r.id}: ${(e as Error).message}`);
          }
          await tx.message.update({ where: { id: r.id }, data: { emailStatus: status } });
        }
      },
      { timeout: 60_000 },
    );
  } catch (e) {
    console.error(`[email] ${(e as Error).message}`);
  }
  return sent;
}
