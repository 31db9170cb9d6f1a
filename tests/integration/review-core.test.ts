// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import Fraction from "fraction.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import type { SessionUser } from "@/lib/auth/session";

// The review workflow on real PostgreSQL, through lib/ (the UI calls the same functions).
let db: Db;
let editionId: number;
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let results: typeof import("@/lib/results/score");
const ROLLCALL = "p1.xxh.sphy.tsdm"; // 会前调试点名: 0.05 per absence/lateness, 1 point
const COUNTY = "county-sanyuan";
const OTHER_COUNTY = "county-yongan";

let filler: SessionUser;
let reviewer: SessionUser;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  await db.prisma.assessmentPeriod.upsert({
    where: { editionId },
    create: { editionId, opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) },
    update: { deadline: new Date(Date.now() + 86_400_000) },
  });
  const f = await db.prisma.user.create({ data: { username: "rv-filler", displayName: "三元区填报员", passwordHash: "x", roles: ["filler"], unitCode: COUNTY, mustChangePassword: false } });
  const r = await db.prisma.user.create({ data: { username: "rv-reviewer", displayName: "审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  filler = { id: f.id, username: f.username, displayName: f.displayName, roles: ["filler"], unitCode: COUNTY, unitName: "三元区", mustChangePassword: false };
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  results = await import("@/lib/results/score");
});
afterAll(async () => db.close());

const rollcall = (n: number) => ({ value: { events: n ? [{ kind: "qxcd", count: n }] : [] } });

describe("review workflow", () => {
  it("scores a county's 7 absences as 1 − 7 × 0.05 = 0.65 of 1", async () => {
    const saved = await facts.saveSelfFact(filler, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, payload: rollcall(7), expectedVersion: 0 });
    expect(saved.status).toBe("saved");
    if (saved.status !== "saved") return;
    expect(saved.result.score?.exact).toBe("0.65");
    expect(saved.result.trace.join("\n")).toMatch(/7/);
  });

  it("refuses an adjustment without a reason, and a score outside the item's range with the range in the message", async () => {
    await expect(review.adjustItem(reviewer, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, method: "现场检查", reason: " ", payload: rollcall(7) })).rejects.toThrow(/理由/);
    await expect(
      review.adjustItem(reviewer, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, method: "现场检查", reason: "现场核实", payload: { ...rollcall(7), override: { score: "1.5", reason: "核定" } } }),
    ).rejects.toThrow(/超出允许范围 0～1 分/);
    expect(await db.prisma.itemFact.count({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "review" } })).toBe(0);
  });

  it("records monitoring events for a county that submitted nothing; the county's card and the city's both lose the points", async () => {
    const cityScore = async () => {
      const card = (await results.getEditionResults(editionId))!.result.scorecards.find((c) => c.unit.code === "city")!;
      const walk = (nodes: import("@/lib/engine").IndicatorResult[]): import("@/lib/engine").ItemResult | undefined => {
        for (const n of nodes) {
          if (n.kind === "item" && n.code === ROLLCALL) return n;
          if (n.kind === "node") { const x = walk(n.children); if (x) return x; }
        }
      };
      return walk(card.parts.flatMap((p) => p.indicators))!.score!.exact;
    };
    // other files sharing this database may have recorded county events of this item too
    const cityBefore = await cityScore();
    const r = await review.recordMonitoringEvents(reviewer, "127.0.0.1", {
      editionId, unitCode: OTHER_COUNTY, itemCode: ROLLCALL, method: "在线监测", reason: "10月视频会议点名缺席",
      events: [{ kind: "qxcd", count: 2, date: "2017-10-12" }],
    });
    expect(r.result.score?.exact).toBe("0.9");
    const res = (await results.getEditionResults(editionId))!;
    const find = (unit: string) => {
      const card = res.result.scorecards.find((c) => c.unit.code === unit)!;
      const walk = (nodes: import("@/lib/engine").IndicatorResult[]): import("@/lib/engine").ItemResult | undefined => {
        for (const n of nodes) {
          if (n.kind === "item" && n.code === ROLLCALL) return n;
          if (n.kind === "node") { const x = walk(n.children); if (x) return x; }
        }
      };
      return walk(card.parts.flatMap((p) => p.indicators))!;
    };
    expect(find(OTHER_COUNTY).score?.exact).toBe("0.9");
    // the city aggregate pools every county's events: 7 (三元区, self) + whatever other files
    // recorded, then 2 more (永安市, monitoring) = 0.1 less; alone in the database it is 0.55
    expect(new Fraction(cityBefore).compare("0.65")).toBeLessThanOrEqual(0);
    expect(find("city").score?.exact).toBe(new Fraction(cityBefore).sub("0.1").toString());
  });

  it("return → fix → resubmit keeps the history of each round; adjust overrides the unit's score and keeps both", async () => {
    // county fills its remaining items as N/A-or-empty is not allowed: use a minimal submit of the whole form
    const form = await facts.getUnitForm(editionId, COUNTY);
    for (const f of form.form.filter((x) => x.item.editable && !x.self)) {
      const rule = f.item.leaf.rule.type;
      const value = rule === "deduction" ? { events: [] } : rule === "tiers" ? { monthly: Array(12).fill(8) } : rule === "choice" ? { levels: [] } : rule === "binary" ? { yes: true } : rule === "count" ? { items: [] } : rule === "ratio" ? { numerator: 1, denominator: 1 } : undefined;
      const payload = value === undefined ? { notApplicable: { reason: "测试" } } : { value };
      const r = await facts.saveSelfFact(filler, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: f.item.leaf.code, payload, expectedVersion: 0 });
      if (r.status !== "saved") throw new Error(`could not save ${f.item.leaf.code}`);
    }
    expect(await facts.missingItems(editionId, COUNTY)).toEqual([]);
    expect((await facts.submitUnit(filler, "127.0.0.1", { editionId, unitCode: COUNTY })).status).toBe("submitted");
    // locked after submit, with the reason
    await expect(facts.saveSelfFact(filler, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, payload: rollcall(6), expectedVersion: 1 })).rejects.toThrow(/已提交自评/);

    await review.returnItem(reviewer, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, comment: "缺席次数与会议记录不符，请核对" });
    const saved = await facts.saveSelfFact(filler, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, payload: rollcall(6), expectedVersion: 1 });
    expect(saved.status).toBe("saved");
    expect((await facts.submitUnit(filler, "127.0.0.1", { editionId, unitCode: COUNTY })).status).toBe("submitted");

    const adjusted = await review.adjustItem(reviewer, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, method: "现场检查", reason: "会议记录显示缺席 8 次", payload: rollcall(8) });
    expect(adjusted.result.score?.exact).toBe("0.6");
    expect(adjusted.result.self.score?.exact).toBe("0.7");
    expect(adjusted.result.source).toBe("review");

    const history = await db.prisma.reviewEvent.findMany({ where: { editionId, unitCode: COUNTY }, orderBy: { id: "asc" }, select: { action: true, round: true, itemCode: true } });
    expect(history.map((h) => `${h.round}:${h.action}`)).toEqual(["1:submit", "1:return", "2:resubmit", "2:submit", "2:adjust"]);
  });

  it("finalising refuses while units are unreviewed, then locks the part until an admin reopens it", async () => {
    // another file in this worker's database may have published results for the edition first
    const before = (await db.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
    await expect(review.finalisePart(reviewer, "127.0.0.1", { editionId, partCode: "p1", acceptRemaining: false })).rejects.toThrow(/未审核完/);
    const out = await review.finalisePart(reviewer, "127.0.0.1", { editionId, partCode: "p1", acceptRemaining: true });
    expect(out.finalised).toBe(true);
    await expect(review.adjustItem(reviewer, "127.0.0.1", { editionId, unitCode: COUNTY, itemCode: ROLLCALL, method: "现场检查", reason: "再改", payload: rollcall(1) })).rejects.toThrow(/已定稿/);
    const res = (await results.getEditionResults(editionId))!;
    expect(res.parts.find((p) => p.partCode === "p1")?.final).toBe(true);
    await review.reopenPart(reviewer, "127.0.0.1", { editionId, partCode: "p1", reason: "发现录入错误" });
    expect((await results.getEditionResults(editionId))!.parts.find((p) => p.partCode === "p1")?.final).toBe(false);
    const audit = await db.prisma.auditLog.findMany({ where: { editionId, action: { startsWith: "results." }, id: { gt: before } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["results.finalise", "results.reopen"]);
  });
});
