// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// The exports against the engine, on demo data: every unit's part totals, overall and ranks
// in the xlsx equal getEditionResults; the dashboard and the export follow a reviewer's
// change at once; the routes are dashboard:read only.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/prisma";
import { fromExactString, type ExactValue } from "@/lib/engine/exact";

let fresh: { url: string }; // this file's own database (tests/setup/worker-db.ts)
let db: Db;
let results: typeof import("@/lib/results/score");
let guard: typeof import("@/lib/auth/guard");

const leader: SessionUser = { id: 1, username: "leader", displayName: "市领导", roles: ["leader"], unitCode: null, unitName: null, mustChangePassword: false };
const filler: SessionUser = { id: 2, username: "county", displayName: "三元区填报员", roles: ["filler"], unitCode: "county-sanyuan", unitName: "三元区", mustChangePassword: false };
let reviewer: SessionUser;

beforeAll(async () => {
  fresh = { url: inject("databaseUrl") };
  db = createDb(fresh.url, 2);
  process.env.DATABASE_URL = fresh.url;
  const { applyDemoData } = await import("@/lib/demo/apply");
  expect((await applyDemoData()).status).toBe("loaded");
  // The demo leaves every part open; 定稿 part 1 here so the export shows both states.
  const ed = await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } });
  await db.prisma.resultFinalisation.create({ data: { editionId: ed.id, partCode: "p1" } });
  results = await import("@/lib/results/score");
  guard = await import("@/lib/auth/guard");
  const r = await db.prisma.user.findUniqueOrThrow({ where: { username: "demo-reviewer" } });
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const num = (v: ExactValue | null | undefined) => (v ? Number(fromExactString(v.exact).valueOf()) : null);

async function get(user: SessionUser | null, path: string, params: Record<string, string> = {}) {
  const mod = path.startsWith("/api/exports/scorecards/") ? await import("@/app/api/exports/scorecards/[unitCode]/route") : await import("@/app/api/exports/results/route");
  return guard.runAs(user, () => (mod.GET as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(new Request(`http://localhost${path}`), { params: Promise.resolve(params) }));
}

async function workbook(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** column → [part header (row 1), column header (last header row)] of the results sheet */
function headerMap(ws: ExcelJS.Worksheet, headerRows: number) {
  const cols: { col: number; part: string; label: string }[] = [];
  for (let c = 1; c <= ws.columnCount; c++) cols.push({ col: c, part: String(ws.getCell(1, c).value ?? ""), label: String(ws.getCell(headerRows, c).value ?? "") });
  return cols;
}

describe("results export", () => {
  it("has the engine's part totals, overall scores and ranks for every unit", async () => {
    const res = await get(leader, "/api/exports/results");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
    const cd = res.headers.get("content-disposition")!;
    expect(cd).toMatch(/^attachment; filename="sanming-2017-results-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("filename*=UTF-8''")[1])).toMatch(/^2017年度三明市电子政务绩效考核-结果-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const wb = await workbook(res);
    const ws = wb.getWorksheet("考核结果")!;
    const view = ws.views[0] as { state: string; xSplit: number; ySplit: number };
    expect(view.state).toBe("frozen");
    const headerRows = view.ySplit;
    expect(headerRows).toBe(5); // 部分, 一级, 二级, 指标, 自评/审核
    expect(view.xSplit).toBe(3);
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getCell(2, 4).value).toBe("信息化应用绩效（40）");
    expect(ws.getCell(3, 4).value).toBe("公共平台建设情况（20）");
    expect(ws.getCell(4, 4).value).toBe("物联网服务（4）");
    expect([ws.getCell(5, 4).value, ws.getCell(5, 5).value]).toEqual(["自评", "审核"]);
    expect(ws.getCell(4, 4).isMerged).toBe(true); // 物联网服务 over its 自评 and 审核 columns

    const engine = (await results.getEditionResults())!;
    const cols = headerMap(ws, headerRows);
    const colOf = (part: string, label: string) => cols.find((c) => c.part.startsWith(part) && c.label === label)!.col;
    let rows = 0;
    for (let r = headerRows + 1; r <= ws.rowCount; r++) {
      const code = ws.getCell(r, 1).value as string;
      if (!code) continue;
      rows++;
      const card = engine.result.scorecards.find((c) => c.unit.code === code)!;
      const rankOf = (scope: string) => engine.result.rankings.find((x) => x.group === card.unit.group && x.scope === scope)?.entries.find((e) => e.unit === code)?.rank ?? null;
      for (const part of card.parts) {
        if (part.status === "not-assessed") continue;
        const score = ws.getCell(r, colOf(part.name, "本部分得分"));
        expect(score.value, `${code} ${part.code}`).toBeCloseTo(num(part.score)!, 9);
        expect(score.numFmt).toBe("0.00");
        expect(ws.getCell(r, colOf(part.name, "自评得分")).value).toBeCloseTo(num(part.self.score)!, 9);
        expect(ws.getCell(r, colOf(part.name, "组内排名")).value, `${code} ${part.code} rank`).toBe(rankOf(part.code));
      }
      expect(ws.getCell(r, colOf("总分", "总分")).value).toBeCloseTo(num(card.overall)!, 9);
      expect(ws.getCell(r, colOf("总分", "组内排名")).value ?? null).toBe(rankOf("overall"));
      // 全市 takes part in part 1 only, which is final; everyone else also in the provisional part 2
      expect(ws.getCell(r, colOf("总分", "结果状态")).value).toBe(card.unit.group === "city" ? "定稿" : "暂定");
    }
    expect(rows).toBe(engine.result.scorecards.length);

    // one leaf, both sides, for a unit the reviewers adjusted
    const adjusted = await db.prisma.itemFact.findFirstOrThrow({ where: { source: "review", itemCode: "p1.xxh.sphy.hyspb" } });
    const row = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => ws.getCell(r, 1).value === adjusted.unitCode)!;
    const leafCol = cols.find((c) => ws.getCell(4, c.col).value === "高清视频会议室配备（1）" && c.label === "自评")!.col;
    const card = engine.result.scorecards.find((c) => c.unit.code === adjusted.unitCode)!;
    const item = card.parts[0].indicators.flatMap(function walk(n): import("@/lib/engine").ItemResult[] {
      return n.kind === "item" ? [n] : n.children.flatMap(walk);
    }).find((i) => i.code === "p1.xxh.sphy.hyspb")!;
    expect(ws.getCell(row, leafCol).value).toBeCloseTo(num(item.self.score)!, 9);
    expect(ws.getCell(row, leafCol + 1).value).toBeCloseTo(num(item.score)!, 9);
    expect(item.self.score!.exact).not.toBe(item.score!.exact);

    expect(wb.getWorksheet("排名")).toBeTruthy();
    expect(String(wb.getWorksheet("说明")!.getCell(1, 2).value)).toMatch(/演示数据/);
  });

  it("a unit's scorecard export has its totals and the explanation of every item", async () => {
    const res = await get(leader, "/api/exports/scorecards/county-sanyuan", { unitCode: "county-sanyuan" });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get("content-disposition")!.split("filename*=UTF-8''")[1])).toMatch(/^2017年度三明市电子政务绩效考核-三元区记分卡-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const ws = (await workbook(res)).getWorksheet("记分卡")!;
    const engine = (await results.getEditionResults())!;
    const card = engine.result.scorecards.find((c) => c.unit.code === "county-sanyuan")!;
    const rowOf = (label: string) => [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => ws.getCell(r, 1).value === label)!;
    expect(ws.getCell(rowOf("总分"), 2).value).toBeCloseTo(num(card.overall)!, 9);
    expect(ws.getCell(rowOf("综合应用部分"), 2).value).toBeCloseTo(num(card.parts[0].score)!, 9);
    expect(String(ws.getCell(rowOf("p1.xxh.sphy.tsdm"), 12).value)).toMatch(/本项满分 1 分/);
  });

  it("is refused to 填报员 and to anonymous callers; an unknown unit is 404", async () => {
    expect((await get(filler, "/api/exports/results")).status).toBe(403);
    expect((await get(null, "/api/exports/results")).status).toBe(401);
    expect((await get(filler, "/api/exports/scorecards/county-sanyuan", { unitCode: "county-sanyuan" })).status).toBe(403);
    expect((await get(leader, "/api/exports/scorecards/nope", { unitCode: "nope" })).status).toBe(404);
  });

  it("the dashboard and the export show a reviewer's change at once", async () => {
    const { getDashboard } = await import("@/lib/dashboard/data");
    const { adjustItem } = await import("@/lib/review/review");
    const before = await getDashboard({ group: "county", part: "p2" });
    if (before.kind !== "ok") throw new Error("no edition");
    const target = before.rows[0];
    const editionId = before.meta.edition.id;
    await adjustItem(reviewer, "127.0.0.1", { editionId, unitCode: target.unit, itemCode: "p2.zwgk.dtxx", method: "网上核查", reason: "抽查发现多月未达标", payload: { value: { monthly: Array(12).fill(3) } } });
    const after = await getDashboard({ group: "county", part: "p2" });
    if (after.kind !== "ok") throw new Error("no edition");
    const row = after.rows.find((r) => r.unit === target.unit)!;
    // dtxx 15 → 10 of 15: the county's part 2 drops to 66.67
    expect(row.score.display).toBe("66.67");
    expect(row.rank).toBe(after.rows.length);
    const ws = (await workbook(await get(leader, "/api/exports/results"))).getWorksheet("考核结果")!;
    const r = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((x) => ws.getCell(x, 1).value === target.unit)!;
    const col = headerMap(ws, 5).find((c) => c.part.startsWith("政府网站建设部分") && c.label === "本部分得分")!.col;
    expect(ws.getCell(r, col).value).toBeCloseTo(200 / 3, 9);
  });
});
