import { describe, expect, it } from "vitest";
import { diffEditions } from "@/lib/authoring/diff";
import { ruleForms } from "@/lib/authoring/rule-forms";
import { checkEditionData } from "@/lib/authoring/schema";
import { addSibling, findNode, indentNode, moveNode, removeNode, updateNode } from "@/lib/authoring/tree";
import { loadEditionOrThrow } from "@/lib/rules/load";
import type { TRule } from "@/lib/rules/schema";
import { placeIssue } from "@/components/editions/issue-paths";

const e2017 = loadEditionOrThrow("rules/sanming-2017");

describe("editor tree edits, validated by the rules validator", () => {
  it("points and a rule parameter changed, an item added: invalid until it has a responsible unit, then valid", () => {
    let e = updateNode(e2017, "p1.xxh.ggpt.wlw", (n) => ({ ...n, max: 5, rule: { ...(n.rule as TRule & { type: "count" }), cap: 5 } }));
    const added = addSibling(e, "p1.xxh.ggpt.wlw");
    e = updateNode(added.edition, added.code, (n) => ({ ...n, name: "物联网感知平台" }));
    const bad = checkEditionData(e);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const placed = bad.errors.map((i) => placeIssue(e, i, "error"));
      expect(placed).toContainEqual({ node: added.code, field: "node", message: expect.stringContaining("没有任何责任单位"), severity: "error" });
    }
    e = updateNode(e, added.code, (n) => ({ ...n, responsible: [{ unit: "市数字办", role: "lead", inferred: false }] }));
    const good = checkEditionData(e);
    expect(good.ok).toBe(true);
    const d = diffEditions(e2017, e);
    expect(d.added.map((x) => x.name)).toEqual(["物联网感知平台"]);
    expect(d.changed.find((c) => c.code === "p1.xxh.ggpt.wlw")?.changes).toEqual(["分值：4 → 5", "计分规则参数 cap：4 → 5"]);
  });

  it("the diff lists an item's responsible units (牵头/配合) and 考核方式 changes in words", () => {
    const e = updateNode(e2017, "p1.xxh.sjzx", (n) => ({
      ...n,
      responsible: n.responsible!.map((r) => (r.unit === "市国资委" ? { ...r, role: "cooperate" as const } : r)).filter((r) => r.unit !== "市财政局"),
      methods: ["自评上报", "网上核查"],
    }));
    expect(checkEditionData(e).ok).toBe(true);
    expect(diffEditions(e2017, e).changed).toEqual([
      {
        code: "p1.xxh.sjzx",
        name: "数据中心整合",
        part: "综合应用部分",
        changes: ["责任单位：市发改委（牵头）、市国资委（牵头）、市数字办（牵头）、市财政局（牵头） → 市发改委（牵头）、市国资委（配合）、市数字办（牵头）", "考核方式：自评上报、现场检查 → 自评上报、网上核查"],
      },
    ]);
  });

  it("a child's points above its parent's is an error placed on that field", () => {
    const e = updateNode(e2017, "p1.xxh.ggpt.wlw", (n) => ({ ...n, max: 25 }));
    const r = checkEditionData(e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((i) => placeIssue(e, i, "error"))).toContainEqual(expect.objectContaining({ node: "p1.xxh.ggpt.wlw", field: "max" }));
  });

  it("move, indent/outdent and remove keep the tree consistent", () => {
    const moved = moveNode(e2017, "p1.xxh.ggpt.jcwl", -1);
    expect(findNode(moved, "p1.xxh.ggpt")!.children!.slice(0, 2).map((c) => c.code)).toEqual(["p1.xxh.ggpt.jcwl", "p1.xxh.ggpt.wlw"]);
    const removed = removeNode(e2017, "p1.xxh.ggpt.wlw");
    expect(findNode(removed, "p1.xxh.ggpt.wlw")).toBeNull();
    expect(diffEditions(e2017, removed).removed.map((x) => x.code)).toEqual(["p1.xxh.ggpt.wlw"]);
    const out = indentNode(e2017, "p1.xxh.ggpt.wlw", "out");
    expect(findNode(out, "p1.xxh")!.children!.map((c) => c.code)).toContain("p1.xxh.ggpt.wlw");
    expect(e2017.parts[0].indicators[0].children![0].children![0].code).toBe("p1.xxh.ggpt.wlw"); // source untouched
  });

  it("rule parameter fields come from the rule type module's form", () => {
    const count = ruleForms().find((f) => f.type === "count")!;
    expect(count.fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ["pointsPer", "points", true],
      ["cap", "points", true],
      ["itemLabel", "text", true],
      ["verb", "text", false],
    ]);
    expect(ruleForms().find((f) => f.type === "tiers")!.fields).toContainEqual(expect.objectContaining({ key: "measure", kind: "enum", options: [{ value: "value", label: "按数值" }, { value: "monthlyAverage", label: "按月均" }] }));
  });
});
