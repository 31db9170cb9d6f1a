// What the 提交 confirmation tells a unit: how many items it filled in, marked 不适用 or
// still has to fill in, and which filled items lack the 佐证材料 their 考核方式 asks for.
// Pure: no database. Which methods ask for evidence is edition data (edition.yaml
// `evidenceMethods`), never a list in code.
import { isLeaf, walkIndicators } from "../rules/resolve";
import type { TEdition } from "../rules/schema";

export type SummaryItemInput = {
  code: string;
  name: string;
  pathNames: string[];
  /** the unit fills this item in (editable, not rated by the reviewer) */
  counted: boolean;
  /** the unit's own entry: entered, 不适用 (marked, or an opt-in nobody entered), or not yet */
  state: "entered" | "not-applicable" | "not-entered";
  /** holds up the submit (the server's rule: lib/assessment/facts.ts isMissing) */
  missing: boolean;
  evidenceCount: number;
  /** the item's 考核方式: its own, else its nearest ancestor's (leafMethods) */
  methods: readonly string[];
};

export type SummaryItem = { code: string; name: string; pathNames: string[] };

export type SubmitSummary = {
  filled: number;
  notApplicable: number;
  missing: SummaryItem[];
  /** entered items whose 考核方式 asks for evidence and that have none */
  withoutEvidence: SummaryItem[];
};

const ref = (i: SummaryItemInput): SummaryItem => ({ code: i.code, name: i.name, pathNames: i.pathNames });

/** An item's 考核方式 asks for 佐证材料 (edition.yaml `evidenceMethods`). */
export function asksEvidence(methods: readonly string[], evidenceMethods: readonly string[]): boolean {
  return methods.some((m) => evidenceMethods.includes(m));
}

export function summariseSubmit(items: readonly SummaryItemInput[], evidenceMethods: readonly string[]): SubmitSummary {
  const counted = items.filter((i) => i.counted);
  return {
    filled: counted.filter((i) => i.state === "entered").length,
    notApplicable: counted.filter((i) => i.state === "not-applicable").length,
    missing: counted.filter((i) => i.missing).map(ref),
    withoutEvidence: counted.filter((i) => i.state === "entered" && i.evidenceCount === 0 && asksEvidence(i.methods, evidenceMethods)).map(ref),
  };
}

/** 考核方式 per leaf code: the leaf's own, else its nearest ancestor's (part 1 lists them on the 二级). */
export function leafMethods(edition: Pick<TEdition, "parts">): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of edition.parts) {
    for (const { node, path } of walkIndicators(part.indicators)) {
      if (!isLeaf(node)) continue;
      const own = node.methods?.length ? node.methods : [...path].reverse().find((a) => a.methods?.length)?.methods;
      out.set(node.code, [...(own ?? [])]);
    }
  }
  return out;
}
