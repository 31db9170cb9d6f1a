// The e-mail outbox of messages with N instances (docs/scaling.md, "background work"): two
// instances — two connection pools on one database, as two app processes would have — flush
// the same pending messages at the same time, through a real SMTP server that answers slowly
// enough for the flushes to overlap. Every message goes out exactly once and is marked sent.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";

const N = 12;
let a: Db;
let b: Db;
let smtp: SMTPServer;
const received: string[] = [];
let flushEmail: typeof import("@/lib/messages/email").flushEmail;

beforeAll(async () => {
  const url = inject("databaseUrl");
  process.env.DATABASE_URL = url;
  a = createDb(url, 2);
  b = createDb(url, 2);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _s, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      // a slow mail server: each message takes 40 ms, so the two flushes run side by side
      stream.on("end", () => setTimeout(() => (received.push(raw), cb()), 40));
    },
  });
  await new Promise<void>((res) => smtp.listen(0, "127.0.0.1", () => res()));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  flushEmail = (await import("@/lib/messages/email")).flushEmail;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((res) => smtp.close(() => res()));
  await a?.close();
  await b?.close();
});

it("two instances flushing the outbox at once send each e-mail exactly once", async () => {
  const user = await a.prisma.user.create({
    data: { username: "outbox-user", displayName: "邮件测试", passwordHash: "x", roles: ["reviewer"], email: "outbox@example.test", mustChangePassword: false },
  });
  await a.prisma.message.createMany({
    data: Array.from({ length: N }, (_, i) => ({ userId: user.id, kind: "test", title: `第 ${i + 1} 条`, body: "正文", emailStatus: "pending" })),
  });
  const [sentA, sentB] = await Promise.all([flushEmail(a.prisma), flushEmail(b.prisma)]);
  expect(sentA + sentB).toBe(N);
  expect(received).toHaveLength(N); // a message sent by both would make it more
  expect(await a.prisma.message.count({ where: { userId: user.id, emailStatus: "sent" } })).toBe(N);
});
