// 排名看板's byte budget (issue #17: the document, HTML with the RSC payload inlined, ≤ 64 KB
// for 100 units). The page is rendered to HTML as the server does it, from the engine's
// results for the synthetic 100 units bench:load uses (73 ranked departments), and the
// data the browser gets as flight data is the client component's props. Before the page
// was one client view, this render was 43.8 KB (classes and data-col on every cell) and
// the server-rendered element tree went out a second time as flight data (42 KB in all).
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { describe, expect, it } from "vitest";
import { Dashboard } from "@/components/dashboard/Dashboard";
import { dashView } from "@/components/dashboard/dashboard-view";
import type { TDashboard } from "@/lib/dashboard/data";
import { buildCityCard, buildDistribution, buildLostPoints, buildProgress, buildRankRows, scopeOptions, type TPartState } from "@/lib/dashboard/view";
import { compileEdition, scoreEdition, validateScoringInput } from "@/lib/engine";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { syntheticDataset } from "@/lib/synthetic/generate";

function dashboard100(): Extract<TDashboard, { kind: "ok" }> {
  const base = loadEditionOrThrow(path.resolve(import.meta.dirname, "../../rules/sanming-2017"));
  const { edition, facts } = syntheticDataset(base, 100);
  const compiled = compileEdition(edition);
  const v = validateScoringInput(compiled, { edition: edition.id, facts });
  if (!v.ok) throw new Error(v.errors[0].message);
  const result = scoreEdition(compiled, v.input, { validated: true });
  const parts: TPartState[] = edition.parts.map((p) => ({ partCode: p.code, partName: p.name, final: false, finalisedAt: null }));
  const rows = buildRankRows(result, parts, "department", "overall");
  return {
    kind: "ok",
    meta: { edition: { id: 1, key: edition.id, name: edition.name, year: 2017, version: 1 }, parts, demo: false, empty: false, computedAt: "2026-12-02T12:00:00.000Z" },
    editions: [
      { id: 1, key: edition.id, name: edition.name, year: 2017, version: 1, current: true },
      { id: 2, key: "sanming-2018", name: "2018年度三明市电子政务绩效考核", year: 2018, version: 1, current: true },
    ] as Extract<TDashboard, { kind: "ok" }>["editions"],
    query: { group: "department", part: "overall" },
    scopes: scopeOptions(parts),
    rows,
    city: buildCityCard(result, parts),
    distribution: buildDistribution(rows),
    lost: buildLostPoints(result, { group: "department", scope: "overall", limit: 10 }),
    progress: buildProgress(
      compiled.units,
      compiled.units.map((u) => ({ unitCode: u.code, status: "draft" as const })),
    ),
  };
}

const router = { push() {}, replace() {}, refresh() {}, back() {}, forward() {}, prefetch() {} };
const kb = (s: string) => Buffer.byteLength(s) / 1024;

describe("排名看板's size with 100 units", () => {
  const data = dashboard100();

  it("ranks the 73 departments", () => {
    expect(data.rows).toHaveLength(73);
  });

  it("renders the page's HTML within 34 KB and sends its data within 10 KB", () => {
    const html = renderToString(createElement(AppRouterContext.Provider, { value: router as never }, createElement(Dashboard, { data })));
    // every unit is on the page, with its score
    for (const r of data.rows) expect(html).toContain(`data-unit="${r.unit}"`);
    expect(kb(html), "HTML").toBeLessThanOrEqual(34);
    // the flight data is the client component's props (as JSON), sent once
    expect(kb(JSON.stringify(dashView(data))), "flight data").toBeLessThanOrEqual(10);
  });
});
