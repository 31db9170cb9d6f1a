// Children-sum-vs-max checks, computed from the edition's data with exact arithmetic
// (fraction.js), so "0.1 + 0.2" equals "0.3" and 40 vs 50 is reported as the seed has it.
import { DEFAULT_READINGS, effectiveAggregate, type ReadingChoices } from "../rules/readings";
import { isLeaf, walkIndicators } from "../rules/resolve";
import type { TEdition } from "../rules/schema";
import { fmt, pts, sumPoints } from "../rules/validate";

export type TIndicatorWarning = {
  code: string;
  name: string;
  partCode: string;
  kind: "children-exceed" | "children-short";
  /** exact, e.g. "40" */
  declared: string;
  childrenSum: string;
  /** how the score is bounded: the engine's default for a node without `aggregate` is cap */
  aggregate: "cap" | "sum" | "rescale";
  message: string;
  /** readings recorded on the node (e.g. R1 for 40 vs 50) */
  readingIds: string[];
};

export function computeIndicatorWarnings(edition: TEdition): TIndicatorWarning[] {
  const out: TIndicatorWarning[] = [];
  for (const part of edition.parts) {
    for (const { node } of walkIndicators(part.indicators)) {
      if (isLeaf(node)) continue;
      const declared = pts(node.max);
      const sum = sumPoints((node.children ?? []).map((c) => c.max));
      const cmp = sum.compare(declared);
      if (cmp === 0) continue;
      const aggregate = effectiveAggregate(node, { R1: (edition.readings?.R1 as ReadingChoices["R1"] | undefined) ?? DEFAULT_READINGS.R1 });
      const d = fmt(declared);
      const s = fmt(sum);
      const message =
        cmp > 0
          ? `子指标分值合计${s}分，超过本项声明的最高分${d}分；${aggregate === "cap" ? `得分按${d}分封顶` : aggregate === "rescale" ? `子指标得分按${d}/${s}等比例折算` : `按子指标合计计分，声明的${d}分仅作标注`}。`
          : `子指标分值合计${s}分，低于本项声明的最高分${d}分，本项不可能得满分。`;
      out.push({
        code: node.code,
        name: node.name,
        partCode: part.code,
        kind: cmp > 0 ? "children-exceed" : "children-short",
        declared: d,
        childrenSum: s,
        aggregate,
        message,
        readingIds: (node.readings ?? []).map((r) => r.id),
      });
    }
  }
  return out;
}
