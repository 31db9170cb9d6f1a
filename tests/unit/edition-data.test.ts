// Edition-level data in edition.yaml (issue 14 §2): working-day deadlines, which item and
// kind each monitoring finding writes to, and the import's sheets — read from the edition
// and checked against its rules on load.
import { describe, expect, it } from "vitest";
import { checkEditionData, deadlineOf, findingSheets, findingTarget, helpValuesFromRules, renderHelp } from "@/lib/rules/edition-data";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { ZEditionFile, type TEdition } from "@/lib/rules/schema";

const edition = loadEditionOrThrow("rules/sanming-2017");
const clone = (): TEdition => structuredClone(edition);

describe("edition data of sanming-2017", () => {
  it("declares the working-day deadlines (7 and 3) with their headings", () => {
    expect(edition.deadlines?.map((d) => [d.item, d.workdays])).toEqual([
      ["p1.xxh.xypt.gs7r", 7],
      ["p2.jdhy.zcjd", 3],
    ]);
    expect(deadlineOf(edition, "p1.xxh.xypt.bsfg")).toBeNull();
  });

  it("states the late-fix rule in the 漏洞 sheet's help from the rule's lateFix, not restated prose", () => {
    const sheet = findingSheets(edition).find((s) => s.finding === "vulnerability")!;
    expect(sheet.help).not.toMatch(/14/);
    const help = renderHelp(sheet.help, helpValuesFromRules(edition, "vulnerability"));
    expect(help).toMatch(/每次通报扣 1 分；通报后超过 14 天才修复或未修复的（2周内未修复反馈），系统按规则再扣 1 分/);
    const e = clone();
    const ld = e.parts[0].indicators.flatMap(function all(n): typeof n[] {
      return [n, ...(n.children ?? []).flatMap(all)];
    }).find((n) => n.code === findingTarget(e, "vulnerability")!.item)!;
    if (ld.rule?.type !== "deduction") throw new Error("not a deduction");
    ld.rule.pools[0].kinds[0].lateFix!.afterDays = 10;
    expect(renderHelp(sheet.help, helpValuesFromRules(e, "vulnerability"))).toMatch(/超过 10 天/);
    expect(renderHelp(findingSheets(edition).find((s) => s.finding === "posts")!.help, helpValuesFromRules(edition, "posts"))).toMatch(/填写 1–12 月各月/);
  });

  it("passes its own cross-checks", () => {
    expect(checkEditionData(edition, "edition.yaml")).toEqual([]);
  });
});

describe("checks on load", () => {
  it.each<[string, (e: TEdition) => void, RegExp]>([
    ["a finding aimed at a missing item", (e) => void (e.monitoring!.targets.rollcall = { item: "p1.nope", kind: "qxcd" }), /monitoring\.targets\.rollcall\.item.*没有指标 p1\.nope/],
    ["an event finding with a kind its item lacks", (e) => void (e.monitoring!.targets.venue = { ...e.monitoring!.targets.venue!, kind: "nope" }), /没有扣分类型 nope/],
    ["posts aimed at an item that is not tiers by monthly average", (e) => void (e.monitoring!.targets.posts = { item: e.deadlines![0].item }), /不是按月均分档/],
    ["a deadline on an item that is neither ratio nor rating", (e) => void (e.deadlines![0].item = e.monitoring!.targets.website!.item), /只能用于按比例（ratio）或评分（rating）/],
    ["an unknown help placeholder", (e) => void (e.monitoring!.sheets[0].help = "见 {deadline}"), /未知的占位符 \{deadline\}/],
    ["a sheet named like the template's own", (e) => void (e.monitoring!.sheets[0].name = "单位列表"), /已被模板占用/],
  ])("refuses %s", (_, change, message) => {
    const e = clone();
    change(e);
    const issues = checkEditionData(e, "edition.yaml");
    expect(issues.map((i) => `${i.path} ${i.message}`).join("\n")).toMatch(message);
  });

  it("refuses a sheet column its finding does not have, and a sheet missing a required column", () => {
    const base = { id: "x", name: "x", year: 2018, parts: ["p.yaml"] };
    const sheet = { finding: "outreach", name: "违规外联", help: "h", columns: [{ field: "unitCode", header: "单位" }, { field: "level", header: "级别" }] };
    const r = ZEditionFile.safeParse({ ...base, monitoring: { targets: {}, sheets: [sheet] } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join("\n")).toMatch(/不能有列“level”[\s\S]*缺少列“count”/);
  });
});
