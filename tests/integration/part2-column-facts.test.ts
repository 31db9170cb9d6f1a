// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Part-2 facts the old shapes could not hold, saved through lib/ on real PostgreSQL and read
// back as scores (issue #14 §3): 动态信息 counts per column, 重点信息公开 rated per column by
// a reviewer, and a department in no 专题 that builds one anyway (+5, out of the denominator).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/prisma";

const DEPT = "dept-czj"; // 市财政局: keeps 财政资金 and 权责清单 among 重点信息公开's columns
const POSTS = "p2.zwgk.dtxx";
const KEY = "p2.zwgk.zdxx";
const TOPIC = "p2.ztzl";

let db: Db;
let editionId: number;
let filler: SessionUser;
let reviewer: SessionUser;
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let results: typeof import("@/lib/results/score");

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  await db.prisma.assessmentPeriod.upsert({
    where: { editionId },
    create: { editionId, opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) },
    update: { deadline: new Date(Date.now() + 86_400_000) },
  });
  const f = await db.prisma.user.create({ data: { username: "p2c-filler", displayName: "财政局填报员", passwordHash: "x", roles: ["filler"], unitCode: DEPT, mustChangePassword: false } });
  const r = await db.prisma.user.create({ data: { username: "p2c-reviewer", displayName: "审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  filler = { id: f.id, username: f.username, displayName: f.displayName, roles: ["filler"], unitCode: DEPT, unitName: "市财政局", mustChangePassword: false };
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  results = await import("@/lib/results/score");
});
afterAll(async () => db.close());

const save = (itemCode: string, payload: unknown, expectedVersion = 0) => facts.saveSelfFact(filler, "127.0.0.1", { editionId, unitCode: DEPT, itemCode, payload, expectedVersion });
const twelve = (n: number) => Array(12).fill(n);

describe("part-2 facts per column and the not-involved 专题", () => {
  it("动态信息 per column: 政务信息 5 and 公示公告 2 a month add up to 7 a month → 12 (≥ 6, below 8)", async () => {
    const saved = await save(POSTS, { value: { columns: [{ column: "zwgk.zwxx", monthly: twelve(5) }, { column: "zwgk.gsgg", monthly: twelve(2) }] } });
    if (saved.status !== "saved") throw new Error(JSON.stringify(saved));
    expect(saved.result.score?.exact).toBe("12");
    expect(saved.result.trace.join("\n")).toContain("合计 84 ÷ 12 个月 = 7（月均，2 个栏目相加）");
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: DEPT, itemCode: POSTS, source: "self" } });
    expect(row.payload).toEqual({ value: { columns: [{ column: "zwgk.zwxx", monthly: twelve(5) }, { column: "zwgk.gsgg", monthly: twelve(2) }] } });
  });

  it("动态信息: a column the item does not assess is refused in Chinese and nothing changes", async () => {
    const err = await save(POSTS, { value: { columns: [{ column: "zwgk.czzj", monthly: twelve(5) }] } }, 1).catch((e: unknown) => e);
    expect(JSON.stringify(err)).toContain("“zwgk.czzj”不是本项考核的栏目");
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: DEPT, itemCode: POSTS, source: "self" } });
    expect(row.version).toBe(1);
  });

  it("专题专栏: not involved but built one → +5, left out of the denominator (R9.notInvolved = bonus-only)", async () => {
    const saved = await save(TOPIC, { value: { notInvolved: true, reference: "财政惠民专题" }, modifiers: [{ code: "zdtg", reason: "主动建设财政惠民专题" }] });
    if (saved.status !== "saved") throw new Error(JSON.stringify(saved));
    expect(saved.result.state).toBe("scored");
    expect(saved.result.score?.exact).toBe("5");
    expect(saved.result.trace.join("\n")).toContain("基础分不适用，不计入折算基数，只计加分");
  });

  it("专题专栏: 不适用 with the bonus is still refused", async () => {
    const err = await save(TOPIC, { notApplicable: { reason: "未涉及专题" }, modifiers: [{ code: "zdtg", reason: "主动建设" }] }, 1).catch((e: unknown) => e);
    expect(JSON.stringify(err)).toContain("不能同时申报加分“主动提供专题建设”");
  });

  it("重点信息公开 rated per column by the reviewer: 财政资金 18, 权责清单 15 → 16.5", async () => {
    const adjusted = await review.adjustItem(reviewer, "127.0.0.1", {
      editionId,
      unitCode: DEPT,
      itemCode: KEY,
      method: "网上核查",
      reason: "按栏目评分",
      payload: { value: { columns: [{ column: "zwgk.czzj", score: "18" }, { column: "bsfw.qzqd", score: "15" }] } },
    });
    expect(adjusted.result.score?.exact).toBe("16.5");
  });

  it("the unit's part-2 card: 12 + 16.5 + the 专题's 5 over a denominator without the 专题's 5", async () => {
    const res = (await results.getEditionResults(editionId))!;
    const card = res.result.scorecards.find((c) => c.unit.code === DEPT)!;
    const p2 = card.parts.find((p) => p.code === "p2")!;
    const topic = p2.indicators.find((i) => i.code === TOPIC)!;
    expect(topic.score?.exact).toBe("5");
    // the 专题 contributes points but no maximum: the part's max achievable is 100 − 5
    expect(p2.maxAchievable.exact).toBe("95");
  });
});
