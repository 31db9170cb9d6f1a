// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { createDb, type Db } from "@/lib/db/prisma";
import type { SessionUser } from "@/lib/auth/session";

// 消息中心 and 催报 on real PostgreSQL, with e-mail copies received by a real SMTP server
// (smtp-server) started here. Units no other test uses: 大田县 (return/resubmit), 沙县 (deadline, 催报).
let db: Db;
let editionId: number;
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let messages: typeof import("@/lib/messages");
const ROLLCALL = "p1.xxh.sphy.tsdm";
const UNIT = "county-datian";
const LATE = "county-shaxian";
const IP = "127.0.0.1";

let filler: SessionUser;
let lateFiller: SessionUser;
let reviewer: SessionUser;
let smtp: SMTPServer;
const received: { to: string; raw: string }[] = [];

const session = (u: { id: number; username: string; displayName: string }, roles: SessionUser["roles"], unitCode: string | null): SessionUser => ({
  id: u.id, username: u.username, displayName: u.displayName, roles, unitCode, unitName: null, mustChangePassword: false,
});

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  await db.prisma.assessmentPeriod.upsert({
    where: { editionId },
    create: { editionId, opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) },
    update: { deadline: new Date(Date.now() + 86_400_000) },
  });
  const f = await db.prisma.user.create({ data: { username: "msg-filler", displayName: "大田县填报员", passwordHash: "x", roles: ["filler"], unitCode: UNIT, mustChangePassword: false, email: "datian@example.test" } });
  const l = await db.prisma.user.create({ data: { username: "msg-late", displayName: "沙县填报员", passwordHash: "x", roles: ["filler"], unitCode: LATE, mustChangePassword: false } });
  const r = await db.prisma.user.create({ data: { username: "msg-reviewer", displayName: "审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  filler = session(f, ["filler"], UNIT);
  lateFiller = session(l, ["filler"], LATE);
  reviewer = session(r, ["reviewer"], null);
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  messages = await import("@/lib/messages");

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, s, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: s.envelope.rcptTo.map((a) => a.address).join(","), raw });
        cb();
      });
    },
  });
  await new Promise<void>((res) => smtp.listen(0, "127.0.0.1", () => res()));
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((res) => smtp.close(() => res()));
  await db.close();
});

const rollcall = (n: number) => ({ value: { events: n ? [{ kind: "qxcd", count: n }] : [] } });

async function fillAndSubmit(user: SessionUser, unitCode: string) {
  const form = await facts.getUnitForm(editionId, unitCode);
  for (const f of form.form.filter((x) => x.item.editable && !x.self)) {
    const rule = f.item.leaf.rule.type;
    const value = rule === "deduction" ? { events: [] } : rule === "tiers" ? { monthly: Array(12).fill(8) } : rule === "choice" ? { levels: [] } : rule === "binary" ? { yes: true } : rule === "count" ? { items: [] } : rule === "ratio" ? { numerator: 1, denominator: 1 } : undefined;
    const payload = f.item.leaf.code === ROLLCALL ? rollcall(2) : value === undefined ? { notApplicable: { reason: "测试" } } : { value };
    const r = await facts.saveSelfFact(user, IP, { editionId, unitCode, itemCode: f.item.leaf.code, payload, expectedVersion: 0 });
    if (r.status !== "saved") throw new Error(`could not save ${f.item.leaf.code}`);
  }
  expect((await facts.submitUnit(user, IP, { editionId, unitCode })).status).toBe("submitted");
}

describe("messages", () => {
  it("a returned item reaches the unit's 填报员 (and by e-mail through a real SMTP server); the resubmission reaches reviewers", async () => {
    await fillAndSubmit(filler, UNIT);
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    const before = await messages.countUnread(filler.id);
    await review.returnItem(reviewer, IP, { editionId, unitCode: UNIT, itemCode: ROLLCALL, comment: "缺席次数与会议记录不符" });
    expect(await messages.countUnread(filler.id)).toBe(before + 1);
    const { rows } = await messages.listMessages(filler.id);
    expect(rows[0]).toMatchObject({ kind: "item.returned", read: false, link: `/self-assessment/${UNIT}/${ROLLCALL}` });
    expect(rows[0].body).toContain("缺席次数与会议记录不符");

    // the e-mail copy goes out after the commit; flushing again never sends it twice
    await messages.flushEmail(db.prisma);
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
    await messages.flushEmail(db.prisma);
    expect(received).toHaveLength(1);
    expect(received[0].to).toBe("datian@example.test");
    expect(await db.prisma.message.findFirst({ where: { id: rows[0].id }, select: { emailStatus: true } })).toEqual({ emailStatus: "sent" });
    delete process.env.SMTP_URL;

    const reviewerBefore = await messages.countUnread(reviewer.id);
    await facts.saveSelfFact(filler, IP, { editionId, unitCode: UNIT, itemCode: ROLLCALL, payload: rollcall(3), expectedVersion: 1 });
    await facts.submitUnit(filler, IP, { editionId, unitCode: UNIT });
    expect(await messages.countUnread(reviewer.id)).toBe(reviewerBefore + 1);
    const r = (await messages.listMessages(reviewer.id)).rows[0];
    expect(r).toMatchObject({ kind: "item.resubmitted", link: `/review/${UNIT}` });
  });

  it("marks only the user's own messages read", async () => {
    const mine = (await messages.listMessages(filler.id)).rows.map((r) => r.id);
    const theirs = (await messages.listMessages(reviewer.id)).rows.map((r) => r.id);
    expect(await messages.markRead(filler.id, { ids: [...mine, ...theirs] })).toBe(mine.length);
    expect(await messages.countUnread(filler.id)).toBe(0);
    expect(await messages.countUnread(reviewer.id)).toBeGreaterThan(0);
  });

  it("deadline messages are written once per unit and deadline, even by many instances at once", async () => {
    const period = await db.prisma.assessmentPeriod.findUniqueOrThrow({ where: { editionId } });
    const justBefore = new Date(period.deadline.getTime() - 3_600_000);
    const counts = await Promise.all(Array.from({ length: 6 }, () => messages.ensureDeadlineMessages(LATE, justBefore)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const after = new Date(period.deadline.getTime() + 3_600_000);
    await Promise.all([messages.ensureDeadlineMessages(LATE, after), messages.ensureDeadlineMessages(LATE, after)]);
    const rows = await db.prisma.message.findMany({ where: { userId: lateFiller.id }, orderBy: { id: "asc" }, select: { kind: true } });
    expect(rows.map((r) => r.kind)).toEqual(["deadline.approaching", "deadline.passed"]);
    // a submitted unit is not reminded
    expect(await messages.ensureDeadlineMessages(UNIT, after)).toBe(0);
  });

  it("催报 lists the units that have not submitted, reminds those still pending, skips the rest, and is audited", async () => {
    const list = (await messages.listUnitsToRemind())!;
    const codes = list.units.map((u) => u.unitCode);
    expect(codes).toContain(LATE);
    expect(codes).not.toContain(UNIT);
    const before = await messages.countUnread(lateFiller.id);
    const out = await messages.sendReminder(reviewer, IP, { editionId, unitCodes: [LATE, UNIT], note: "请于本周内提交" });
    expect(out.skipped).toEqual([UNIT]);
    expect(out.units).toBe(1);
    expect(await messages.countUnread(lateFiller.id)).toBe(before + 1);
    const msg = (await messages.listMessages(lateFiller.id)).rows[0];
    expect(msg.kind).toBe("reminder");
    expect(msg.body).toContain("请于本周内提交");
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "messages.remind", actorId: reviewer.id } });
    expect(audit.after).toMatchObject({ units: [LATE], skipped: [UNIT] });
    await expect(messages.sendReminder(reviewer, IP, { editionId, unitCodes: [UNIT] })).rejects.toThrow(/均已提交/);
  });

  it("the reminder comes N official working days before the deadline, N set on the period", async () => {
    const JIANGLE = "county-jiangle";
    const u = await db.prisma.user.create({ data: { username: "msg-jiangle", displayName: "将乐县填报员", passwordHash: "x", roles: ["filler"], unitCode: JIANGLE, mustChangePassword: false } });
    const deadline = new Date("2026-12-09T18:00:00+08:00"); // a Wednesday
    const friday = new Date("2026-12-04T10:00:00+08:00"); // 3 working days before (Mon 7, Tue 8, Wed 9)
    await db.prisma.assessmentPeriod.update({ where: { editionId }, data: { deadline, remindWorkdays: 2 } });
    expect(await messages.ensureDeadlineMessages(JIANGLE, friday)).toBe(0);
    expect(await messages.ensureDeadlineMessages(JIANGLE, new Date("2026-12-07T10:00:00+08:00"))).toBe(1);
    // another period's N: 3 days reach back over the weekend to the Friday
    await db.prisma.message.deleteMany({ where: { userId: u.id } });
    await db.prisma.assessmentPeriod.update({ where: { editionId }, data: { remindWorkdays: 3 } });
    expect(await messages.ensureDeadlineMessages(JIANGLE, new Date("2026-12-03T10:00:00+08:00"))).toBe(0);
    expect(await messages.ensureDeadlineMessages(JIANGLE, friday)).toBe(1);
    const m = (await messages.listMessages(u.id)).rows[0];
    expect(m.kind).toBe("deadline.approaching");
    expect(m.body).toContain("还有 3 个工作日");
  });

  it("e-mail is off by default: without SMTP_URL nothing is queued or sent", async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const sentBefore = received.length;
    await db.prisma.$transaction((tx) => messages.notify(tx, { unitCode: UNIT, kind: "reminder", title: "测试", body: "无邮件" }));
    const row = await db.prisma.message.findFirstOrThrow({ where: { userId: filler.id, title: "测试" } });
    expect(row.emailStatus).toBeNull(); // the filler has an address, but no copy is queued
    expect(await messages.flushEmail(db.prisma)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(sentBefore);
  });
});
