// Print and phone layouts on demo data (issue 18, items 19 and 20).
//
// Print: 记分卡 and 排名看板 printed to A4 with Chromium's page.pdf (what "打印 / 另存为 PDF" does):
// every chart fits the printable width (measured the way Chromium prints: print media, the
// page's own `beforeprint` handlers, then layout), no chart is split over two pages, and every
// page carries the header (unit / edition / print time) and "第 x 页 / 共 y 页" (CSS @page
// margin boxes, which Chromium supports since version 131). The PDFs are rendered to PNGs
// (pdftoppm) and text (pdftotext) from poppler-utils.
//
// Phone: at 390 px no page of any role scrolls sideways (document scrollWidth <= 390); wide
// tables scroll inside their own box.
//
// Like dashboard.spec.ts this spec runs its own server on its own copy of the demo data
// (support/demo.ts), so the demo's finalised part 1 never reaches the shared e2e database.
import { test as base, expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { signIn } from "./support/auth";
import { startDemoApp } from "./support/demo";
import { can } from "../../lib/auth/permissions";
import { DEMO_ROLES, enumerateAppRoutes, PAGE_ACCESS } from "./support/routes";
import { stopApp, stopStarted } from "./support/server";

// The seven tests only read, so they run side by side on whichever workers are free, each
// worker with one server on its own copy of the demo data (a worker fixture: started for the
// first of these tests a worker runs, stopped — with whatever a failed test left — when the
// worker ends). No afterAll here: in parallel mode it runs after every test. Another spec's
// stopStarted cannot stop the server between two of these tests: a file's parallel tests are
// handed out one after another, before any later file.
const test = base.extend<object, { demoBase: string }>({
  demoBase: [
    async ({}, provide) => {
      const app = await startDemoApp("e2e_print");
      await provide(app.base);
      await stopApp(app.server);
      await stopStarted();
    },
    // generous: a loaded machine, and the run's demo data may still be being generated
    { scope: "worker", timeout: 300_000 },
  ],
  baseURL: async ({ demoBase }, provide) => {
    await provide(demoBase);
  },
});
// generous: the first render of each report computes every unit's results, and a busy CI machine is slow
test.describe.configure({ mode: "parallel", timeout: 300_000 });

// ---- print -----------------------------------------------------------------------------------

/** A4 (210 mm) less the 12 mm side margins of the print style, in CSS pixels. */
const PRINTABLE_WIDTH_PX = Math.floor(((210 - 24) / 25.4) * 96); // 702

/** Widths of the chart drawings as Chromium lays them out for printing. */
async function chartWidthsInPrint(page: Page) {
  await page.emulateMedia({ media: "print" });
  // Chromium fires beforeprint and then lays the page out at the paper's width; the charts
  // must be drawn for that width by then (a ResizeObserver answers too late).
  const widths = await page.evaluate(() => {
    window.dispatchEvent(new Event("beforeprint"));
    return [...document.querySelectorAll("figure .recharts-wrapper > svg.recharts-surface")].map((s) => ({
      chart: s.closest("[data-testid]")?.getAttribute("data-testid") ?? "?",
      width: Math.round(s.getBoundingClientRect().width),
    }));
  });
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await page.emulateMedia({ media: null }); // back to the browser's own choice (print for page.pdf)
  return widths;
}

/** page.pdf → text per page (pdftotext) and PNGs (pdftoppm). */
function pdfPages(pdf: string, pngPrefix: string): string[] {
  execFileSync("pdftoppm", ["-png", "-r", "60", pdf, pngPrefix]);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  return text.split("\f").filter((p) => p.trim() !== "");
}

async function printToPdf(page: Page, file: string) {
  await page.pdf({ path: file, format: "A4", preferCSSPageSize: true, printBackground: true });
}

const squash = (s: string) => s.replace(/\s+/g, "");

function checkPages(pages: string[], header: RegExp[]) {
  expect(pages.length).toBeGreaterThan(1);
  pages.forEach((p, i) => {
    const t = squash(p);
    for (const h of header) expect(t, `page ${i + 1} header ${h}`).toMatch(h);
    expect(t, `page ${i + 1} number`).toContain(`第${i + 1}页/共${pages.length}页`);
    expect(t, `page ${i + 1} print time`).toMatch(/打印时间\d{4}-\d{2}-\d{2}\d{2}:\d{2}/);
  });
}

/** The page (1-based) that holds a text, or -1. */
const pageOf = (pages: string[], text: string) => pages.findIndex((p) => squash(p).includes(squash(text))) + 1 || -1;

test("a department's scorecard prints to A4: charts within the page, header and page numbers on every page", async ({ page }, testInfo) => {
  await signIn(page, "leader");
  await page.goto("/scorecards/dept-szb");
  await expect(page.getByTestId("category-chart").locator(".recharts-bar-rectangle").first()).toBeVisible({ timeout: 60_000 });

  const widths = await chartWidthsInPrint(page);
  expect(widths.length).toBeGreaterThan(0);
  for (const w of widths) expect.soft(w.width, `${w.chart} width in print`).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX);

  const pdf = testInfo.outputPath("scorecard-dept-szb.pdf");
  await printToPdf(page, pdf);
  const pages = pdfPages(pdf, testInfo.outputPath("scorecard-page"));
  checkPages(pages, [/市数字办记分卡/, /2017年度/]);
  // the 一级 chart is whole on one page: its title and its legend
  const chartPage = pageOf(pages, "一级指标得分与市直部门平均");
  expect(chartPage).toBeGreaterThan(0);
  expect(squash(pages[chartPage - 1])).toContain("市数字办得分市直部门平均");
  expect(readdirSync(testInfo.outputDir).filter((f) => f.endsWith(".png")).length).toBe(pages.length);
});

test("the dashboard prints to A4: every chart within the page and whole, header and page numbers on every page", async ({ page }, testInfo) => {
  await signIn(page, "leader");
  await page.goto("/dashboard?group=county");
  await expect(page.locator('[data-testid="ranking-chart"] .recharts-bar-rectangle').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid="distribution-chart"] .recharts-bar-rectangle').first()).toBeVisible({ timeout: 60_000 });

  const widths = await chartWidthsInPrint(page);
  expect([...new Set(widths.map((w) => w.chart))].sort()).toEqual(["distribution-chart", "lost-chart", "progress-chart", "ranking-chart"]);
  for (const w of widths) expect.soft(w.width, `${w.chart} width in print`).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX);

  const pdf = testInfo.outputPath("dashboard-county.pdf");
  await printToPdf(page, pdf);
  const pages = pdfPages(pdf, testInfo.outputPath("dashboard-page"));
  checkPages(pages, [/排名看板/, /2017年度/]);
  // each chart on one page: its title and its axis or legend text together
  for (const [title, inside] of [
    ["得分分布", "得分区间（分）"],
    ["填报与审核进度", "已提交待审核"],
    ["失分最多的指标", "各单位失分合计（分）"],
  ]) {
    const p = pageOf(pages, title);
    expect(p, title).toBeGreaterThan(0);
    expect(squash(pages[p - 1]), `${title} whole on page ${p}`).toContain(squash(inside));
  }
  // the ranking chart's axis reaches 100 分 (it was cut at the right edge)
  expect(squash(pages.join(""))).toContain("100分");
});

// ---- phone -----------------------------------------------------------------------------------

type Role = "admin" | "reviewer" | "leader" | "dept" | "county";
const ROLES: Role[] = ["admin", "reviewer", "leader", "dept", "county"];
const OWN_UNIT: Record<Role, string> = { admin: "county-sanyuan", reviewer: "county-sanyuan", leader: "county-sanyuan", dept: "dept-szb", county: "county-sanyuan" };

/**
 * Concrete URLs for every page of the app the role may open (route handlers are not pages;
 * access as tests/e2e/support/routes.ts classifies it). A page the role may not open answers
 * 403 and is not measured (check() below), so it is not visited either.
 */
function pageUrls(role: Role): string[] {
  const params: Record<string, string> = { unitCode: OWN_UNIT[role], itemCode: "p1.xxh.sphy.tsdm", id: "1", code: "county-sanyuan" };
  const allowed = (pattern: string) => {
    const need = PAGE_ACCESS[pattern];
    return need === undefined || need === "signed-in" || need === "anonymous" || can(DEMO_ROLES[role], need);
  };
  return enumerateAppRoutes()
    .filter((r) => r.kind === "page" && allowed(r.pattern))
    .map((r) =>
      r.pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
        if (!(name in params)) throw new Error(`no value for [${name}] in ${r.pattern}: add one to pageUrls`);
        return params[name];
      }),
    );
}

/** Pages checked at once, each in a tab of the role's one signed-in context (E2E_PHONE_TABS overrides). */
const TABS = Math.max(1, Number(process.env.E2E_PHONE_TABS ?? 3) || 1);
/** How a page is judged rendered before it is measured (E2E_PHONE_SETTLE overrides, for measuring). */
const SETTLE = process.env.E2E_PHONE_SETTLE ?? "networkidle";

type Checked = { url: string; width: number | null; culprit?: string; ms: { goto: number; settle: number } };

/**
 * Opens `url` and measures the document's width once it has rendered; null when the page is
 * not this role's (an error status or the login page). On a page wider than 390 px, names the
 * widest leaf-most elements, so a failure says what to fix.
 */
async function check(page: Page, url: string, shot?: string): Promise<Checked> {
  const t0 = Date.now();
  const res = await page.goto(url);
  const t1 = Date.now();
  const landed = new URL(page.url()).pathname;
  if (!res || res.status() >= 400 || (landed === "/login" && url !== "/login")) return { url, width: null, ms: { goto: t1 - t0, settle: 0 } }; // not this role's page
  if (SETTLE === "networkidle") await page.waitForLoadState("networkidle").catch(() => {});
  const t2 = Date.now();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  let culprit: string | undefined;
  if (width > 390) {
    culprit = await page.evaluate(() => {
      const els = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 391);
      const leaf = els.filter((e) => !els.some((o) => o !== e && e.contains(o)));
      return leaf.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} (${Math.round(e.getBoundingClientRect().right)}px)`).join("; ");
    });
  }
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  return { url, width, culprit, ms: { goto: t1 - t0, settle: t2 - t1 } };
}

for (const role of ROLES) {
  test(`at 390 px no page scrolls sideways for ${role}`, async ({ browser, demoBase }, testInfo) => {
    const ctx = await browser.newContext({ baseURL: demoBase, viewport: { width: 390, height: 844 } });
    // Next.js prefetches every link in view once the page has hydrated: server renders that
    // change nothing on this page, and that kept networkidle waiting for seconds per page. They
    // are refused (still a request: networkidle waits 500 ms past it, so past hydration too).
    if (process.env.E2E_PHONE_PREFETCH !== "1") await ctx.route((u) => u.searchParams.has("_rsc"), (r) => (r.request().headers()["next-router-prefetch"] ? r.abort() : r.continue()));
    try {
      const first = await ctx.newPage();
      await signIn(first, role);
      const urls = pageUrls(role);
      // a 填报员 also gets every item page of the unit (event tables, platform lists)
      if (role === "dept" || role === "county") {
        await first.goto(`/self-assessment/${OWN_UNIT[role]}`);
        const items = await first.locator(`a[href^="/self-assessment/${OWN_UNIT[role]}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
        urls.push(...new Set(items));
      }
      if (role === "leader" || role === "reviewer") urls.push("/scorecards/dept-szb", "/dashboard?group=county");
      urls.splice(0, urls.length, ...new Set(urls)); // the item list repeats the pattern-filled item page
      const shots = new Set(["/scorecards/dept-szb", "/review", `/self-assessment/${OWN_UNIT[role]}/p1.xxh.sphy.tsdm`, "/dashboard"]);

      // the pages, TABS at a time: each tab takes the next unchecked URL
      const pages = [first, ...(await Promise.all(Array.from({ length: Math.min(TABS, urls.length) - 1 }, () => ctx.newPage())))];
      const results: Checked[] = [];
      let next = 0;
      const t0 = Date.now();
      await Promise.all(
        pages.map(async (page) => {
          while (next < urls.length) {
            const url = urls[next++];
            results.push(await check(page, url, shots.has(url) ? testInfo.outputPath(`${role}-${path.basename(url)}.png`) : undefined));
          }
        }),
      );
      const total = Date.now() - t0;
      const visited = results.filter((r) => r.width !== null);
      const slow = [...results].sort((a, b) => b.ms.goto + b.ms.settle - (a.ms.goto + a.ms.settle)).slice(0, 5);
      const sum = (k: "goto" | "settle") => results.reduce((n, r) => n + r.ms[k], 0);
      const timing = `${role}: ${results.length} URLs (${visited.length} pages) in ${(total / 1000).toFixed(1)} s with ${pages.length} tabs, settle ${SETTLE}; goto Σ ${(sum("goto") / 1000).toFixed(1)} s, settle Σ ${(sum("settle") / 1000).toFixed(1)} s; slowest ${slow.map((r) => `${r.url} ${r.ms.goto}+${r.ms.settle} ms`).join(", ")}`;
      testInfo.annotations.push({ type: "timing", description: timing });
      if (process.env.E2E_TIMINGS) console.log(timing);

      expect(visited.length).toBeGreaterThan(2);
      expect(visited.filter((r) => r.width! > 390).map((r) => `${r.url}: ${r.width}px — ${r.culprit}`)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
}
