// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import { importEdition } from "@/lib/rules/import";
import { loadEditionOrThrow } from "@/lib/rules/load";
import type { TUnitHistory } from "@/lib/dashboard/history";

// 历年对比 across the two editions under rules/ (2017 and 2018), scored from facts this test
// saves. Every expected score is computed by hand from the YAML; the arithmetic is beside it.
// 2017 parts have weight 1 and 1, 2018's 0.4 and 0.6 (overall = Σ w·part ÷ Σ w). A part score
// is 100 × points ÷ the max of the items applicable to the unit (items not entered count 0).
let db: Db;
let ids: { y2017: number; y2018: number };
let history: typeof import("@/lib/dashboard/history-data");

const WJW = "dept-wjw"; // 市卫计委 in 2017, renamed 市卫健委 in 2018 (same code, old name kept as an alias)
const CGJ = "dept-cgj"; // new in 2018
const MINGXI = "county-mingxi";
const NINGHUA = "county-ninghua";

async function fact(editionId: number, unitCode: string, itemCode: string, value: unknown) {
  await db.prisma.itemFact.create({ data: { editionId, unitCode, itemCode, source: "review", payload: { value } as object, status: "reviewed" } });
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  // 2017 is already in the template this file starts from; 2018 after it, as npm start does
  await importEdition(db.prisma, loadEditionOrThrow("rules/sanming-2018"));
  const id = async (key: string) => (await db.prisma.edition.findFirstOrThrow({ where: { key, current: true }, select: { id: true } })).id;
  ids = { y2017: await id("sanming-2017"), y2018: await id("sanming-2018") };
  history = await import("@/lib/dashboard/history-data");
});
afterAll(async () => {
  await db.close();
});

type Ok = Extract<TUnitHistory, { kind: "ok" }>;
const ok = (h: TUnitHistory): Ok => {
  if (h.kind !== "ok") throw new Error("no history");
  return h;
};
const brief = (h: Ok) => h.rows.map((r) => [r.year, r.status, r.unitName, r.score, r.rank]);

describe("历年对比 (a unit's score and rank across editions)", () => {
  it("lists an edition without facts as 无结果 and a unit new in a year as absent before it", async () => {
    await fact(ids.y2017, MINGXI, "p2.zwgk.dtxx", { monthly: Array(12).fill(8) });
    const h = ok(await history.getUnitHistory(MINGXI));
    // 2017: 动态信息 8/month → 15 of 15 → part 2 = 100; part 1 nothing entered → 0; (0 + 100) / 2 = 50
    expect(brief(h)).toEqual([
      [2017, "ok", "明溪县", "50", 1],
      [2018, "no-results", "明溪县", null, null],
    ]);
    const cgj = ok(await history.getUnitHistory(CGJ));
    expect(cgj.rows.map((r) => [r.year, r.status])).toEqual([
      [2017, "absent"],
      [2018, "no-results"],
    ]);
    expect(cgj.single).toBe(true); // the empty state: one edition only
  });

  it("scores and ranks two counties in both years by hand-computed values (ranks swap)", async () => {
    // 2017 明溪县: 漏洞 no notice → 4 (of p1's 16 = 1+2+1+2+2+2+4+2) → p1 = 100 × 4/16 = 25; p2 = 100 (above);
    //   overall (25 + 100) / 2 = 62.5
    await fact(ids.y2017, MINGXI, "p1.aq.xtaq.ld", { events: [] });
    // 2017 宁化县: 漏洞 4 + 违规外联 2 = 6 → p1 = 37.5; 动态信息 6/month → 12 → p2 = 80; overall 58.75
    await fact(ids.y2017, NINGHUA, "p1.aq.xtaq.ld", { events: [] });
    await fact(ids.y2017, NINGHUA, "p1.aq.xtaq.wgwl", { events: [] });
    await fact(ids.y2017, NINGHUA, "p2.zwgk.dtxx", { monthly: Array(12).fill(6) });
    // 2018 明溪县: 漏洞 3 (of 18 = 1+2+1+2+2+2+3+2+3) → p1 = 300/18 = 50/3; 动态信息 7/month → 12 → p2 = 80;
    //   overall 0.4 × 50/3 + 0.6 × 80 = 20/3 + 48 = 164/3 = 54.666… → 54.67
    await fact(ids.y2018, MINGXI, "p1.aq.wlaq.ld", { events: [] });
    await fact(ids.y2018, MINGXI, "p2.zwgk.dtxx", { monthly: Array(12).fill(7) });
    // 2018 宁化县: 漏洞 3 + 违规外联 2 + 网站安全 3 = 8 → p1 = 800/18 = 400/9; 动态信息 10/month → 15 → p2 = 100;
    //   overall 0.4 × 400/9 + 60 = 160/9 + 60 = 700/9 = 77.777… → 77.78
    await fact(ids.y2018, NINGHUA, "p1.aq.wlaq.ld", { events: [] });
    await fact(ids.y2018, NINGHUA, "p1.aq.wlaq.wgwl", { events: [] });
    await fact(ids.y2018, NINGHUA, "p1.aq.wzaq", { events: [] });
    await fact(ids.y2018, NINGHUA, "p2.zwgk.dtxx", { monthly: Array(12).fill(10) });
    const mingxi = ok(await history.getUnitHistory(MINGXI));
    const ninghua = ok(await history.getUnitHistory(NINGHUA));
    // every other county has no facts (0): 明溪县 first in 2017, 宁化县 first in 2018
    expect(brief(mingxi)).toEqual([
      [2017, "ok", "明溪县", "62.5", 1],
      [2018, "ok", "明溪县", "54.67", 2],
    ]);
    expect(brief(ninghua)).toEqual([
      [2017, "ok", "宁化县", "58.75", 2],
      [2018, "ok", "宁化县", "77.78", 1],
    ]);
    const counties = (y: 2017 | 2018) => loadEditionOrThrow(`rules/sanming-${y}`).units.filter((u) => u.group === "county").length;
    expect(mingxi.rows.map((r) => r.rankOf)).toEqual([counties(2017), counties(2018)]);
    expect(mingxi.rows[1].parts.map((p) => [p.code, p.score])).toEqual([
      ["p1", "16.67"],
      ["p2", "80"],
    ]);
    expect(mingxi.single).toBe(false);
  });

  it("follows the renamed 市卫计委 → 市卫健委, and its items through 沿用上年指标", async () => {
    // 2017 (市卫计委): p1 applicable = 信用 5 + 5, 目录 10, 漏洞 4, 违规外联 2 = 26; 漏洞 4 + 违规外联 2 = 6 → 300/13
    //   p2 applicable = 95; 动态信息 15 + 重点信息公开 16 = 31 → 620/19; overall (300/13 + 620/19) / 2 = 6880/247 = 27.854… → 27.85
    await fact(ids.y2017, WJW, "p1.aq.xtaq.ld", { events: [] });
    await fact(ids.y2017, WJW, "p1.aq.xtaq.wgwl", { events: [] });
    await fact(ids.y2017, WJW, "p2.zwgk.dtxx", { monthly: Array(12).fill(9) });
    await fact(ids.y2017, WJW, "p2.zwgk.zdxx", { score: "16" });
    // 2018 (市卫健委): p1 applicable = 5 + 5 + 目录 6 + 数据共享 4 + 漏洞 3 + 违规外联 2 + 网站安全 3 = 28; 3 + 2 + 3 = 8 → 200/7
    //   p2: 15 + 重点领域信息公开 (continues 重点信息公开) 17.5 = 32.5 → 650/19;
    //   overall 0.4 × 200/7 + 0.6 × 650/19 = 80/7 + 390/19 = 4250/133 = 31.954… → 31.95
    await fact(ids.y2018, WJW, "p1.aq.wlaq.ld", { events: [] });
    await fact(ids.y2018, WJW, "p1.aq.wlaq.wgwl", { events: [] });
    await fact(ids.y2018, WJW, "p1.aq.wzaq", { events: [] });
    await fact(ids.y2018, WJW, "p2.zwgk.dtxx", { monthly: Array(12).fill(10) });
    await fact(ids.y2018, WJW, "p2.zwgk.zdly", { score: "17.5" });
    const h = ok(await history.getUnitHistory(WJW));
    // the only department with facts: first of its group both years
    expect(brief(h)).toEqual([
      [2017, "ok", "市卫计委", "27.85", 1],
      [2018, "ok", "市卫健委", "31.95", 1],
    ]);
    expect(h.unit.name).toBe("市卫健委");
    expect(h.formerNames).toEqual(["市卫计委"]);
    const cells = (code: string) => h.items.find((i) => i.code === code)!.cells.map((c) => [c.code, c.score ?? c.note]);
    expect(cells("p2.zwgk.zdly")).toEqual([
      ["p2.zwgk.zdxx", "16"],
      ["p2.zwgk.zdly", "17.5"],
    ]);
    expect(cells("p1.aq.wlaq.ld")).toEqual([
      ["p1.aq.xtaq.ld", "4"],
      ["p1.aq.wlaq.ld", "3"],
    ]);
    expect(cells("p1.aq.wzaq")).toEqual([
      [null, "无对应指标"],
      ["p1.aq.wzaq", "3"],
    ]);
    expect(cells("p2.jdhy.zcjd")).toEqual([
      ["p2.jdhy.zcjd", "未填报"],
      ["p2.jdhy.zcjd", "未填报"],
    ]);
  });

  it("a unit's own staff see only released years: an unreleased edition shows 无结果", async () => {
    const h = ok(await history.getUnitHistory(WJW, { releasedOnly: true }));
    expect(h.rows.map((r) => [r.year, r.status])).toEqual([
      [2017, "no-results"],
      [2018, "no-results"],
    ]);
    await db.prisma.resultPublication.create({ data: { editionId: ids.y2017, published: true, publishedAt: new Date(), appealDeadline: new Date(Date.now() + 86_400_000) } });
    const after = ok(await history.getUnitHistory(WJW, { releasedOnly: true }));
    expect(after.rows.map((r) => [r.year, r.status, r.score])).toEqual([
      [2017, "ok", "27.85"],
      [2018, "no-results", null],
    ]);
  });
});
