// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import { importEdition } from "@/lib/rules/import";
import { loadEditionOrThrow } from "@/lib/rules/load";
import type { SessionUser } from "@/lib/auth/session";
import type { EditionResult, IndicatorResult, ItemResult } from "@/lib/engine";

// The 2018 sample edition (rules/sanming-2018) runs through the same lib/ functions as the
// UI — import, 自评 save/submit, review (ratings, monitoring events, 加重扣分), 定稿, results,
// exports — with no code written for it. Every expected score below is computed by hand from
// the 2018 YAML; the comments show the arithmetic.
let db: Db;
let editionId: number;
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let results: typeof import("@/lib/results/score");
const IP = "127.0.0.1";
const savedEnv = process.env.EDITION;

const WJW = "dept-wjw"; // renamed 市卫计委 → 市卫健委 in 2018
const CGJ = "dept-cgj"; // new in 2018: 市城管局
const MINGXI = "county-mingxi";
const NINGHUA = "county-ninghua";
const users: Record<string, SessionUser> = {};
let reviewer: SessionUser;

async function makeUser(username: string, roles: ("filler" | "reviewer")[], unitCode: string | null): Promise<SessionUser> {
  const u = await db.prisma.user.create({ data: { username, displayName: username, passwordHash: "x", roles, unitCode, mustChangePassword: false } });
  return { id: u.id, username, displayName: username, roles, unitCode, unitName: null, mustChangePassword: false };
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  // both years, as npm start imports every folder under rules/ (2017 first: folders by name;
  // 2017 is already in the template this file starts from)
  await importEdition(db.prisma, loadEditionOrThrow("rules/sanming-2018"));
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2018", current: true } })).id;
  await db.prisma.assessmentPeriod.upsert({
    where: { editionId },
    create: { editionId, opensAt: new Date("2018-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) },
    update: { deadline: new Date(Date.now() + 86_400_000) },
  });
  for (const unit of ["dept-szb", "dept-fgw", WJW, CGJ, MINGXI, NINGHUA]) users[unit] = await makeUser(`e18-${unit}`, ["filler"], unit);
  reviewer = await makeUser("e18-reviewer", ["reviewer"], null);
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  results = await import("@/lib/results/score");
});
afterAll(async () => {
  if (savedEnv === undefined) delete process.env.EDITION;
  else process.env.EDITION = savedEnv;
  await db.close();
});

async function save(unit: string, item: string, payload: unknown): Promise<ItemResult> {
  const { form } = await facts.getUnitForm(editionId, unit);
  const version = form.find((f) => f.item.leaf.code === item)?.self?.version ?? 0;
  const r = await facts.saveSelfFact(users[unit], IP, { editionId, unitCode: unit, itemCode: item, payload, expectedVersion: version });
  if (r.status !== "saved") throw new Error(`${unit} ${item}: ${r.status}`);
  return r.result;
}
const score = (r: ItemResult) => r.score?.exact;

function item(res: EditionResult, unit: string, code: string): ItemResult {
  const card = res.scorecards.find((c) => c.unit.code === unit)!;
  const walk = (nodes: IndicatorResult[]): ItemResult | undefined => {
    for (const n of nodes) {
      if (n.kind === "item" && n.code === code) return n;
      if (n.kind === "node") {
        const x = walk(n.children);
        if (x) return x;
      }
    }
  };
  return walk(card.parts.flatMap((p) => p.indicators))!;
}
const part = (res: EditionResult, unit: string, code: string) => res.scorecards.find((c) => c.unit.code === unit)!.parts.find((p) => p.code === code)!;
const overall = (res: EditionResult, unit: string) => res.scorecards.find((c) => c.unit.code === unit)!.overall?.exact;
const rank = (res: EditionResult, scope: string, group: string, unit: string) =>
  res.rankings.find((r) => r.scope === scope && r.group === group)!.entries.find((e) => e.unit === unit)!.rank;

describe("the 2018 edition, with no code written for it", () => {
  it("imports next to 2017 without becoming the default edition (preview), and keeps 2017's unit codes", async () => {
    const { getCurrentEdition } = await import("@/lib/editions");
    delete process.env.EDITION;
    const byDefault = await getCurrentEdition();
    expect(byDefault?.key).toBe("sanming-2017"); // the newer year is a preview until its line is deleted
    process.env.EDITION = "sanming-2018"; // what a server started with EDITION=sanming-2018 shows
    expect((await getCurrentEdition())?.id).toBe(editionId);
    const ctx = (await (await import("@/lib/assessment/context")).getAssessmentContext())!;
    expect(ctx.compiled.unitByCode.get(WJW)?.name).toBe("市卫健委");
    expect(ctx.compiled.unitByCode.get(CGJ)?.name).toBe("市城管局");
    expect(ctx.compiled.leafByCode.has("p1.xxh.sjzx")).toBe(false); // removed
    expect(ctx.compiled.leafByCode.get("p1.aq.wzaq")?.rule.type).toBe("deduction"); // added
    expect(await db.prisma.unit.findUnique({ where: { code: CGJ }, select: { name: true } })).toEqual({ name: "市城管局" });
  });

  it("city-level items, entered by their lead units: count (capped), binary, ratio (saturating, with a precondition)", async () => {
    const szb = "dept-szb";
    expect(score(await save(szb, "p1.xxh.ggpt.wlw", { value: { items: ["物联网识别管控平台", "多卡融合平台", "位置信息服务平台"] } }))).toBe("3"); // 3 × 1
    expect(score(await save(szb, "p1.xxh.ggpt.jcwl", { value: { items: ["电子政务外网"] } }))).toBe("1"); // 2018: 1 per platform
    expect(score(await save(szb, "p1.xxh.ggpt.yjs", { value: { items: ["政务云", "灾备中心", "信创云"] } }))).toBe("3");
    expect(score(await save(szb, "p1.xxh.ggpt.xxzy", { value: { items: ["汇聚共享平台", "空间信息平台", "信用平台", "电子文件平台"] } }))).toBe("2"); // 4 × 0.5
    expect(score(await save(szb, "p1.xxh.ggpt.yyxt", { value: { items: Array.from({ length: 10 }, (_, i) => `应用系统${i + 1}`) } }))).toBe("4"); // 10 × 0.5 = 5, cap 4
    expect(score(await save(szb, "p1.xxh.ggpt.aqbz", { value: { items: ["安全监控平台"] } }))).toBe("0.5");
    expect(score(await save(szb, "p1.zy.sjhj.jsfa", { value: { yes: true, reference: "明数字〔2018〕3号" } }))).toBe("3");
    expect(score(await save(szb, "p1.zy.sjhj.sx", { value: { yes: false } }))).toBe("0");
    expect(score(await save(szb, "p1.zy.mlgl", { value: { numerator: 24, denominator: 30 } }))).toBe("4.8"); // 6 × 24/30
    expect(score(await save(szb, "p1.zy.sjgx", { value: { numerator: 20, denominator: 32 } }))).toBe("2.5"); // new item: 4 × 20/32
    const fgw = "dept-fgw";
    expect(score(await save(fgw, "p1.xxh.xyxx.gjfg", { value: { numerator: 28 }, conditions: { fgxq: true } }))).toBe("4"); // 5 × 28/35 (2017: /30)
    expect(score(await save(fgw, "p1.xxh.xyxx.sgs", { value: { numerator: 450, denominator: 500 } }))).toBe("4.5");
  });

  it("per-unit deductions: the 7-day late fix, and the new item's two capped pools with a floor of 1", async () => {
    // 漏洞 notified 2018-05-10, fixed 2018-05-20: 10 days > 7 → 1 + 1 (2017's 14 days would charge 1)
    expect(score(await save(WJW, "p1.aq.wlaq.ld", { value: { events: [{ kind: "tb", date: "2018-05-10", fixedDate: "2018-05-20" }] } }))).toBe("1");
    expect(score(await save(WJW, "p1.aq.wlaq.wgwl", { value: { events: [{ kind: "tb", count: 1, date: "2018-03-02" }] } }))).toBe("1.8");
    // 政府网站安全防护: pool 1 = 3 incidents × 1 + 1 not fixed × 0.5 = 3.5 → cap 2; pool 2 = 2 × 0.5 = 1 (cap 1.5);
    // 3 − (2 + 1) = 0 → floor 1
    const wzaq = await save(WJW, "p1.aq.wzaq", {
      value: {
        events: [
          { kind: "cg", count: 2, date: "2018-03-01", fixedDate: "2018-03-02" },
          { kind: "cg", count: 1, date: "2018-06-01", fixedDate: null },
          { kind: "wzg", count: 2 },
        ],
      },
    });
    expect(score(wzaq)).toBe("1");
    expect(wzaq.trace.join("\n")).toMatch(/最低分 1 分/);
    expect(score(await save(CGJ, "p1.aq.wlaq.ld", { value: { events: [] } }))).toBe("3");
    expect(score(await save(CGJ, "p1.aq.wlaq.wgwl", { value: { events: [{ kind: "tb", count: 3 }] } }))).toBe("1.4");
    expect(score(await save(CGJ, "p1.aq.wzaq", { value: { events: [] } }))).toBe("3");
  });

  it("part 2 for the renamed and the new department: tiers by month and by value, choice (new level), modifiers per occurrence, opt-in bonus", async () => {
    // 市卫健委: monthly 124 ÷ 12 = 10.33 ≥ 10 → 15 (2018 tier)
    expect(score(await save(WJW, "p2.zwgk.dtxx", { value: { monthly: [12, 10, 10, 11, 10, 9, 10, 10, 12, 10, 10, 10] } }))).toBe("15");
    expect(score(await save(WJW, "p2.ztzl", { value: { yes: true }, modifiers: [{ code: "zdtg", reason: "主动建设“健康三明”专题" }] }))).toBe("8"); // 5 + 3
    expect(score(await save(WJW, "p2.hdlm.dczj.cn", { value: { value: 2 }, conditions: { wsdc: true, yjzj: true } }))).toBe("6");
    expect(score(await save(WJW, "p2.hdlm.dczj.fk", { value: { yes: true } }))).toBe("4");
    // 副职 7; 配合不积极 twice (R11 = per-occurrence) − 4; bonus + 2 → 5
    const zxft = await save(WJW, "p2.hdlm.zxft", {
      value: { levels: ["fz"] },
      modifiers: [
        { code: "pjbjj", reason: "3月访谈未按时提供材料" },
        { code: "pjbjj", reason: "9月访谈嘉宾临时取消" },
        { code: "sjft", reason: "参加省政府网站访谈" },
      ],
    });
    expect(score(zxft)).toBe("5");
    expect(score(await save(WJW, "p2.hdlm.zsk", { value: { yes: true } }))).toBe("7");
    // the worst level counts: the new 网络安全通报 level → 0
    expect(score(await save(WJW, "p2.bmwz", { value: { levels: ["shi", "aqtb"] } }))).toBe("0");

    // 市城管局: every item at its best, both bonuses → 105 points before the cap
    expect(score(await save(CGJ, "p2.zwgk.dtxx", { value: { monthly: Array(12).fill(10) } }))).toBe("15");
    expect(score(await save(CGJ, "p2.ztzl", { value: { yes: true }, modifiers: [{ code: "zdtg", reason: "主动建设“城市管理”专题" }] }))).toBe("8");
    expect(score(await save(CGJ, "p2.hdlm.dczj.cn", { value: { value: 3 }, conditions: { wsdc: true, yjzj: true } }))).toBe("6");
    expect(score(await save(CGJ, "p2.hdlm.dczj.fk", { value: { yes: true } }))).toBe("4");
    expect(score(await save(CGJ, "p2.hdlm.zxft", { value: { levels: ["zz", "qt"] }, modifiers: [{ code: "sjft", reason: "参加新闻发布会" }] }))).toBe("10"); // 8 + 2
    expect(score(await save(CGJ, "p2.hdlm.zsk", { value: { yes: true } }))).toBe("7");
    expect(score(await save(CGJ, "p2.bmwz", { value: { levels: [] } }))).toBe("20");
  });

  it("counties: 视频会议 (0.1 per absence in 2018), security items and 动态信息", async () => {
    const none = { value: { events: [] } };
    // 明溪县: 0.7 + 1.9 + 0.95 + 2 + 2 + 2 + 3 + 2 + 3 = 17.55 of 18
    expect(score(await save(MINGXI, "p1.xxh.sphy.tsdm", { value: { events: [{ kind: "qxcd", count: 3, date: "2018-04-12" }] } }))).toBe("0.7");
    expect(score(await save(MINGXI, "p1.xxh.sphy.hczx", { value: { events: [{ kind: "hcwt", count: 2 }] } }))).toBe("1.9");
    expect(score(await save(MINGXI, "p1.xxh.sphy.hyspb", { value: { events: [{ kind: "qshys", count: 1 }] } }))).toBe("0.95");
    for (const code of ["p1.xxh.sphy.hystj", "p1.xxh.sphy.ryzb", "p1.xxh.sphy.azts", "p1.aq.wlaq.ld", "p1.aq.wlaq.wgwl", "p1.aq.wzaq"]) await save(MINGXI, code, none);
    expect(score(await save(MINGXI, "p2.zwgk.dtxx", { value: { monthly: Array(12).fill(6) } }))).toBe("12");
    // 宁化县: 0.5 + 2 + 1 + 1.7 + 2 + 2 + 2 + 2 + 3 = 16.2 of 18 (the 漏洞 fixed in 4 days: no late charge)
    expect(score(await save(NINGHUA, "p1.xxh.sphy.tsdm", { value: { events: [{ kind: "qxcd", count: 5 }] } }))).toBe("0.5");
    expect(score(await save(NINGHUA, "p1.xxh.sphy.hystj", { value: { events: [{ kind: "qstj", count: 3 }] } }))).toBe("1.7");
    expect(score(await save(NINGHUA, "p1.aq.wlaq.ld", { value: { events: [{ kind: "tb", date: "2018-04-02", fixedDate: "2018-04-06" }] } }))).toBe("2");
    for (const code of ["p1.xxh.sphy.hczx", "p1.xxh.sphy.hyspb", "p1.xxh.sphy.ryzb", "p1.xxh.sphy.azts", "p1.aq.wlaq.wgwl", "p1.aq.wzaq"]) await save(NINGHUA, code, none);
    expect(score(await save(NINGHUA, "p2.zwgk.dtxx", { value: { monthly: Array(12).fill(10) } }))).toBe("15");
  });

  it("every unit submits; the reviewer rates, records a monitoring event and a 加重扣分, and finalises both parts", async () => {
    for (const unit of [WJW, CGJ, MINGXI, NINGHUA]) {
      expect(await facts.missingItems(editionId, unit)).toEqual([]);
      expect((await facts.submitUnit(users[unit], IP, { editionId, unitCode: unit })).status).toBe("submitted");
    }
    const rate = (unitCode: string, itemCode: string, s: string) =>
      review.adjustItem(reviewer, IP, { editionId, unitCode, itemCode, method: "网上核查", reason: "年底栏目检查", payload: { value: { score: s } } });
    expect((await rate(WJW, "p2.zwgk.zdly", "17.5")).result.score?.exact).toBe("17.5"); // 2018: half points
    await rate(WJW, "p2.jdhy.zcjd", "8");
    await rate(WJW, "p2.jdhy.xwfbh", "4");
    await rate(CGJ, "p2.zwgk.zdly", "20");
    await rate(CGJ, "p2.jdhy.zcjd", "10");
    await rate(CGJ, "p2.jdhy.xwfbh", "5");
    const mon = await review.recordMonitoringEvents(reviewer, IP, {
      editionId, unitCode: NINGHUA, itemCode: "p1.xxh.sphy.azts", method: "在线监测", reason: "6月高清终端调测无人配合",
      events: [{ kind: "phc", count: 1, date: "2018-06-15" }],
    });
    expect(mon.result.score?.exact).toBe("1.5");
    await review.addPostPenalty(reviewer, IP, { editionId, unitCode: MINGXI, partCode: "p2", points: "85", reason: "县级动态栏目长期转载失实信息，被媒体曝光" });
    for (const partCode of ["p1", "p2"]) expect((await review.finalisePart(reviewer, IP, { editionId, partCode, acceptRemaining: true })).finalised).toBe(true);
  });

  it("scores, normalises (R13.cap = cap-100, E4 = floor-0), combines with weights 0.4/0.6 and ranks as computed by hand", async () => {
    const res = (await results.getEditionResults(editionId))!;
    expect(res.parts.every((p) => p.final)).toBe(true);
    const r = res.result;
    expect(r.edition.id).toBe("sanming-2018");
    // 市卫健委 p1: city items 4 + 4.5 + 4.8 + 2.5 = 15.8 (+ own 1 + 1.8 + 1 = 3.8) = 19.6 of 10 + 10 + 3 + 2 + 3 = 28 → 70
    expect(part(r, WJW, "p1").maxAchievable.exact).toBe("28");
    expect(part(r, WJW, "p1").score?.exact).toBe("70");
    // p2: 15 + 17.5 + 8 + 4 + 8 + 6 + 4 + 5 + 7 + 0 = 74.5 of 100
    expect(part(r, WJW, "p2").score?.exact).toBe("74.5");
    expect(overall(r, WJW)).toBe("72.7"); // 0.4 × 70 + 0.6 × 74.5
    // 市城管局 p1: 15.8 + 3 + 1.4 + 3 = 23.2 of 28 → 2320/28 = 580/7
    expect(part(r, CGJ, "p1").score?.exact).toBe("580/7");
    // p2: 105 of 100 → capped at 100 (2017 would show 105)
    expect(part(r, CGJ, "p2").normalised?.exact).toBe("100");
    expect(part(r, CGJ, "p2").points.exact).toBe("105");
    expect(overall(r, CGJ)).toBe("652/7"); // 0.4 × 580/7 + 60 = 232/7 + 420/7
    // 明溪县 p1 17.55 / 18 → 97.5; p2 12/15 → 80 − 85 = −5 → 0 (E4 = floor-0)
    expect(part(r, MINGXI, "p1").score?.exact).toBe("97.5");
    expect(part(r, MINGXI, "p2").score?.exact).toBe("0");
    expect(overall(r, MINGXI)).toBe("39");
    // 宁化县 p1: 16.2 − 0.5 (monitoring) = 15.7 / 18 → 785/9; p2 100
    expect(part(r, NINGHUA, "p1").score?.exact).toBe("785/9");
    expect(overall(r, NINGHUA)).toBe("854/9"); // 0.4 × 785/9 + 60
    // 全市 pools the counties' 点名 events: 3 + 5 = 8 × 0.1 = 0.8 → 0.2
    expect(item(r, "city", "p1.xxh.sphy.tsdm").score?.exact).toBe("0.2");
    expect(item(r, "city", "p1.aq.wzaq").score?.exact).toBe("1"); // pooled: 2 + 1 = 3 of 3 → floor 1
    // ranks: departments not entered score at most 0.4 × 100 = 40 overall, counties 0
    expect(rank(r, "overall", "department", CGJ)).toBe(1);
    expect(rank(r, "overall", "department", WJW)).toBe(2);
    expect(rank(r, "p2", "department", CGJ)).toBe(1);
    expect(rank(r, "p2", "department", WJW)).toBe(2);
    expect(rank(r, "overall", "county", NINGHUA)).toBe(1);
    expect(rank(r, "overall", "county", MINGXI)).toBe(2);
    expect(rank(r, "p1", "county", MINGXI)).toBe(1);
  });

  it("the review screens, dashboard and exports read the 2018 edition", async () => {
    process.env.EDITION = "sanming-2018";
    const queue = await import("@/lib/review/queue");
    const view = (await queue.getUnitReview(WJW))!;
    expect(view).not.toBeNull();
    const { getDashboard } = await import("@/lib/dashboard/data");
    const dash = await getDashboard({ edition: String(editionId), group: "department" });
    expect(dash.kind).toBe("ok");
    if (dash.kind !== "ok") return;
    expect(dash.meta.edition.key).toBe("sanming-2018");
    expect(dash.rows[0]?.unit).toBe(CGJ);
    expect(dash.rows.find((row) => row.unit === WJW)?.name).toBe("市卫健委");
    const { exportResults, exportScorecard } = await import("@/lib/dashboard/exports");
    const xlsx = await exportResults(editionId);
    expect(xlsx.status).toBe(200);
    expect(decodeURIComponent(xlsx.headers.get("content-disposition") ?? "")).toContain("2018");
    expect((await exportScorecard(CGJ, editionId)).status).toBe(200);
  });
});
