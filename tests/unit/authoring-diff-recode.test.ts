// 与来源版本的差异 for re-coded items: an item the draft's `previous.items` maps to its old code
// is one changed entry (重新编码 old → new, plus its other changes), not removed + added; its
// children under the re-coded parent are not "moved"; without the mapping it stays a
// removal and an addition.
import { describe, expect, it } from "vitest";
import { diffEditions } from "@/lib/authoring/diff";
import { recodeContinued } from "@/lib/authoring/previous";
import { itemCodes } from "@/lib/rules/previous";
import { updateNode } from "@/lib/authoring/tree";
import { loadEditionOrThrow } from "@/lib/rules/load";
import type { TEdition } from "@/lib/rules/schema";

const e2017 = loadEditionOrThrow("rules/sanming-2017");
const e2018 = loadEditionOrThrow("rules/sanming-2018");

describe("diff of re-coded items", () => {
  it("2018 against 2017: the nine re-coded items are changed entries; only the really new items (two of part 1, 办事服务 › 服务覆盖度 of part 2) and the removed one are listed as such", () => {
    const d = diffEditions(e2017, e2018);
    expect(d.added.map((x) => x.code)).toEqual(["p1.zy.sjgx", "p1.aq.wzaq", "p2.bsfw", "p2.bsfw.fwfgd"]);
    expect(d.removed.map((x) => x.code)).toEqual(["p1.xxh.sjzx"]);
    const recoded = d.changed.filter((c) => c.previousCode).map((c) => `${c.previousCode} → ${c.code}`);
    expect(recoded).toEqual([
      "p1.xxh.xypt → p1.xxh.xyxx",
      "p1.xxh.xypt.bsfg → p1.xxh.xyxx.gjfg",
      "p1.xxh.xypt.gs7r → p1.xxh.xyxx.sgs",
      "p1.zy.sjhj.xmzb → p1.zy.sjhj.sx",
      "p1.zy.mlbz → p1.zy.mlgl",
      "p1.aq.xtaq → p1.aq.wlaq",
      "p1.aq.xtaq.ld → p1.aq.wlaq.ld",
      "p1.aq.xtaq.wgwl → p1.aq.wlaq.wgwl",
      "p2.zwgk.zdxx → p2.zwgk.zdly",
    ]);
    const mlgl = d.changed.find((c) => c.code === "p1.zy.mlgl")!;
    expect(mlgl.changes.slice(0, 3)).toEqual(["重新编码：p1.zy.mlbz → p1.zy.mlgl", "名称：政务信息资源目录编制 → 政务信息资源目录编制与更新", "分值：10 → 6"]);
    // a child of a re-coded group did not move: only its code changed
    expect(d.changed.find((c) => c.code === "p1.aq.wlaq.wgwl")!.changes).toEqual(["重新编码：p1.aq.xtaq.wgwl → p1.aq.wlaq.wgwl"]);
  });

  it("a leaf re-coded in the editor of a copy (沿用上年指标 kept by recodeContinued): one entry with its other changes", () => {
    const copy: TEdition = { ...structuredClone(e2017), id: "sanming-2019", year: 2019, previous: { edition: e2017.id } };
    let draft = updateNode(copy, "p1.xxh.ggpt.wlw", (n) => ({ ...n, code: "p1.xxh.ggpt.iot", name: "物联网感知平台", max: 5, rule: { ...(n.rule as object), cap: 5 } as never }));
    draft = recodeContinued(draft, "p1.xxh.ggpt.wlw", "p1.xxh.ggpt.iot", new Set(itemCodes(e2017)));
    expect(draft.previous).toEqual({ edition: "sanming-2017", items: { "p1.xxh.ggpt.iot": "p1.xxh.ggpt.wlw" } });
    const d = diffEditions(e2017, draft);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.filter((c) => c.code.startsWith("p1.xxh.ggpt."))).toEqual([
      { code: "p1.xxh.ggpt.iot", previousCode: "p1.xxh.ggpt.wlw", name: "物联网感知平台", part: e2017.parts[0].name, changes: ["重新编码：p1.xxh.ggpt.wlw → p1.xxh.ggpt.iot", "名称：物联网服务 → 物联网感知平台", "分值：4 → 5", "计分规则参数 cap：4 → 5"] },
    ]);
  });

  it("without the mapping (or against another edition than the one it names) a new code is a removal and an addition", () => {
    const copy: TEdition = { ...structuredClone(e2017), id: "sanming-2019", year: 2019, previous: { edition: e2017.id } };
    const draft = updateNode(copy, "p1.xxh.ggpt.wlw", (n) => ({ ...n, code: "p1.xxh.ggpt.iot" }));
    const d = diffEditions(e2017, draft);
    expect(d.added.map((x) => x.code)).toEqual(["p1.xxh.ggpt.iot"]);
    expect(d.removed.map((x) => x.code)).toEqual(["p1.xxh.ggpt.wlw"]);
    expect(d.changed.some((c) => c.previousCode)).toBe(false);
    // 2018 names 2017: against itself (a 新版本 draft of the same year) items map by code
    expect(diffEditions(e2018, e2018).empty).toBe(true);
  });
});
