// Values entered per 分解表 column (动态信息's monthly counts, 重点信息公开's ratings) read
// column by column on the review card and in the 审计日志, not as "—" or "undefined 分".
import { describe, expect, it } from "vitest";
import { describeValue, diffAudit } from "@/lib/audit-view/diff";
import type { TRule } from "@/lib/rules/schema";

const tiers = { type: "tiers", measure: "monthlyAverage", measureLabel: "发布信息条数", months: 3, tiers: [{ min: "8", points: "15" }], otherwise: "10" } as unknown as TRule;
const rating = { type: "rating", max: "20" } as unknown as TRule;
const names: Record<string, string> = { "zwgk.gsgg": "公示公告", "zwgk.zyhy": "重要会议" };
const columnName = (c: string) => names[c] ?? c;

describe("per-column values described", () => {
  it.each([
    ["tiers per column", tiers, { columns: [{ column: "zwgk.gsgg", monthly: [10, 9, null] }, { column: "zwgk.zyhy", monthly: [2, 2, 2] }] }, "公示公告：1月 10，2月 9，3月 —；重要会议：1月 2，2月 2，3月 2"],
    ["tiers monthly total (unchanged)", tiers, { monthly: [7, 8, 9] }, "1月 7，2月 8，3月 9"],
    ["rating per column", rating, { columns: [{ column: "zwgk.gsgg", score: "18" }, { column: "zwgk.zyhy", score: "15" }] }, "公示公告 18 分；重要会议 15 分"],
    ["rating (unchanged)", rating, { score: "16.5" }, "16.5 分"],
  ])("%s", (_label, rule, value, text) => {
    expect(describeValue(rule, value, columnName)).toBe(text);
  });

  it("names columns by code when no names are given, and in an audit row's diff by the context's names", () => {
    expect(describeValue(tiers, { columns: [{ column: "zwgk.gsgg", monthly: [1, 2, 3] }] })).toBe("zwgk.gsgg：1月 1，2月 2，3月 3");
    const rows = diffAudit(
      { payload: { value: { monthly: [8, 8, 8] } } },
      { payload: { value: { columns: [{ column: "zwgk.gsgg", monthly: [6, 6, 6] }, { column: "zwgk.zyhy", monthly: [2, 2, 2] }] } } },
      { rule: tiers, columnName, unitName: (c) => c, itemName: (c) => c, partName: (c) => c },
    );
    expect(rows.map((r) => r.after)).toContain("公示公告：1月 6，2月 6，3月 6；重要会议：1月 2，2月 2，3月 2");
  });
});
