// 指标体系 (/indicators): both parts, the unit filter, search, the column tree and anchors.
// Expected sets are computed from the rules data (rules/sanming-2017), never hard-coded.
import { expect, test, type Page } from "@playwright/test";
import { assessedUnits, buildUnitIndex, isLeaf, walkIndicators } from "../../lib/rules/resolve";
import { loadEditionOrThrow } from "../../lib/rules/load";
import type { TIndicator } from "../../lib/rules/schema";
import { signIn } from "./support/auth";

const edition = loadEditionOrThrow("rules/sanming-2017");
const index = buildUnitIndex(edition.units, edition.collectives);

const allLeaves = edition.parts.flatMap((part) =>
  [...walkIndicators(part.indicators)].filter((w) => isLeaf(w.node)).map((w) => ({ part, leaf: w.node, ancestors: w.path })),
);

function leafNamed(name: string): TIndicator {
  const found = allLeaves.filter((l) => l.leaf.name === name);
  if (found.length !== 1) throw new Error(`expected one leaf named ${name}, found ${found.length}`);
  return found[0].leaf;
}

function unitNamed(name: string) {
  const u = edition.units.find((x) => x.name === name);
  if (!u) throw new Error(`no unit ${name}`);
  return u;
}

function expectedLeafCodes(unitCode: string): string[] {
  return allLeaves.filter(({ part, leaf, ancestors }) => assessedUnits(edition, part, leaf, ancestors, index).some((r) => r.unit === unitCode)).map((l) => l.leaf.code);
}

async function shownLeafCodes(page: Page): Promise<string[]> {
  await page.waitForLoadState("load"); // the page streams: read the tree once it has all arrived
  return page.locator("details[data-leaf][data-indicator]").evaluateAll((els) => els.map((e) => e.id));
}

/** An element by id: codes contain dots, so no CSS #id selector. */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

test("shows both parts with every leaf, maxima, and the 40 vs 50 warning; screenshot", async ({ page }, testInfo) => {
  await signIn(page, "reviewer");
  await page.goto("/indicators");
  await expect(page.getByRole("heading", { level: 1, name: "指标体系" })).toBeVisible();
  for (const part of edition.parts) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(part.name) })).toBeVisible();
  }
  expect(await shownLeafCodes(page)).toEqual(allLeaves.map((l) => l.leaf.code));

  // every node shows its max from the data
  const sample = allLeaves[0].leaf;
  await expect(byId(page, sample.code).locator("summary").first()).toContainText(`${sample.max}分`);

  // the declared-40-children-50 warning, computed from the data
  const xxh = edition.parts[0].indicators.find((n) => n.name === "信息化应用绩效")!;
  const childSum = (xxh.children ?? []).reduce((s, c) => s + Number(c.max), 0);
  const warning = byId(page, xxh.code).getByRole("note").first();
  await expect(warning).toContainText(`子指标分值合计${childSum}分`);
  await expect(warning).toContainText(`最高分${xxh.max}分`);

  // readings beside a rule: id, source sentence, the chosen reading, alternatives
  const dtxx = leafNamed("动态信息");
  const notes = byId(page, dtxx.code).getByRole("complementary", { name: "解读说明" });
  const r8 = dtxx.readings!.find((r) => r.id === "R8")!;
  await expect(notes).toContainText("R8");
  await expect(notes).toContainText(r8.chosen);
  await expect(notes).toContainText(r8.alternatives[0]);

  await page.screenshot({ path: testInfo.outputPath("indicators.png") });
  await page.goto("/indicators#part-p2");
  await page.screenshot({ path: testInfo.outputPath("indicators-part2.png") });
  await byId(page, leafNamed("信息系统漏洞").code).screenshot({ path: testInfo.outputPath("indicators-leaf.png") });
});

test("a rule's plain-language text matches its parameters (基础网络服务)", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/indicators");
  const leaf = leafNamed("基础网络服务");
  if (leaf.rule?.type !== "count") throw new Error("基础网络服务 should be a count rule");
  const rule = byId(page, leaf.code).locator("[data-rule]");
  await expect(rule).toContainText(`每${leaf.rule.verb ?? ""}1个${leaf.rule.itemLabel}得${leaf.rule.pointsPer}分`);
  await expect(rule).toContainText(`本项最高${leaf.rule.cap}分`);
  // methods as chips, the lead unit in bold
  const node = byId(page, leaf.code);
  for (const m of leaf.methods ?? []) await expect(node.getByRole("list", { name: "考核办法" })).toContainText(m);
  await expect(node.locator('[data-unit-role="lead"] strong').first()).toHaveText("市数字办");
});

test("filtering to 市数字办 with the form shows exactly its items", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/indicators");
  const szb = unitNamed("市数字办");
  await page.getByLabel("本单位负责的指标").selectOption({ label: szb.name });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(new RegExp(`unit=${szb.code}`));
  const expected = expectedLeafCodes(szb.code);
  expect(expected.length).toBeGreaterThan(0);
  await expect(page.getByTestId("unit-summary")).toContainText(`${szb.name}负责的考核指标 ${expected.length} 项`);
  expect(await shownLeafCodes(page)).toEqual(expected);
  // a leaf it is not assessed on is gone
  const other = allLeaves.find((l) => !expected.includes(l.leaf.code))!;
  await expect(byId(page, other.leaf.code)).toHaveCount(0);
});

test("a 填报员 starts on their own unit; the filtered view is a link", async ({ page }, testInfo) => {
  await signIn(page, "county");
  await page.goto("/indicators");
  const sanyuan = unitNamed("三元区");
  await expect(page.getByLabel("本单位负责的指标")).toHaveValue(sanyuan.code);
  expect(await shownLeafCodes(page)).toEqual(expectedLeafCodes(sanyuan.code));
  await page.screenshot({ path: testInfo.outputPath("indicators-county.png") });
  await page.getByRole("link", { name: "查看全部指标" }).click();
  await expect(page.getByLabel("本单位负责的指标")).toHaveValue("");
  expect((await shownLeafCodes(page)).length).toBe(allLeaves.length);

  // another unit by URL
  const szb = unitNamed("市数字办");
  await page.goto(`/indicators?unit=${szb.code}`);
  expect(await shownLeafCodes(page)).toEqual(expectedLeafCodes(szb.code));
});

test("keyword search highlights and counts matches; nothing found shows the empty state", async ({ page }) => {
  await signIn(page, "leader");
  await page.goto(`/indicators?q=${encodeURIComponent("漏洞")}`);
  await expect(page.getByTestId("match-count")).toContainText(/找到 \d+ 个指标/);
  const ld = leafNamed("信息系统漏洞");
  await expect(byId(page, ld.code).locator("summary mark").first()).toHaveText("漏洞");
  expect(await shownLeafCodes(page)).toContain(ld.code);
  expect((await shownLeafCodes(page)).length).toBeLessThan(allLeaves.length);

  await page.getByLabel("关键词").fill("没有这个关键词");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.getByText("没有找到符合条件的指标")).toBeVisible();
});

test("part 2's column tree: items link to columns, columns list their items, （同上） and 推定", async ({ page }, testInfo) => {
  await signIn(page, "reviewer");
  await page.goto("/indicators");
  const zsk = leafNamed("互动交流知识库");
  const colCode = zsk.columns![0];
  await byId(page, zsk.code).getByRole("list", { name: "本项考核的网站栏目" }).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`#column-${colCode.replace(/\./g, "\\.")}$`));
  const row = byId(page, `column-${colCode}`);
  await expect(row).toBeVisible(); // its collapsed group was opened for the hash
  await expect(row.getByRole("link", { name: zsk.name })).toHaveAttribute("href", `#${zsk.code}`);
  await expect(row).toContainText("推定");

  const p2 = edition.parts[1];
  const inherited = (function find(cols = p2.columns ?? []): { code: string } | undefined {
    for (const c of cols) {
      if (c.inherited?.includes("content")) return c;
      const deeper = find(c.children ?? []);
      if (deeper) return deeper;
    }
    return undefined;
  })();
  await page.goto(`/indicators#column-${inherited!.code}`);
  await expect(byId(page, `column-${inherited!.code}`)).toBeVisible();
  await expect(byId(page, `column-${inherited!.code}`)).toContainText("（同上）");
  await page.screenshot({ path: testInfo.outputPath("indicators-columns.png") });
});

test("全部收起 / 全部展开, keyboard toggling, and deep links to a leaf", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/indicators");
  const leaf = leafNamed("违规外联");
  const rule = byId(page, leaf.code).locator("[data-rule]");
  await expect(rule).toBeVisible();
  await page.getByRole("button", { name: "全部收起" }).click();
  await expect(rule).toBeHidden();
  await page.getByRole("button", { name: "全部展开" }).click();
  await expect(rule).toBeVisible();

  const summary = byId(page, leaf.code).locator("summary").first();
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(rule).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(rule).toBeVisible();

  await page.goto(`/indicators#${leaf.code}`);
  await expect(byId(page, leaf.code)).toBeInViewport();
});
