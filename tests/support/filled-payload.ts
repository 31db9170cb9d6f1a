// A valid self-assessment payload for any leaf: enough for the engine to score it, so other
// tests' dashboards stay valid. Shared by the integration tests and the e2e specs that fill a
// unit's form straight in the database (review, self-assessment, bulk-review).
import type { CompiledLeaf } from "../../lib/engine";

export function filledPayload(l: CompiledLeaf, opts: { optInNotApplicable?: boolean } = {}): object {
  // an opt-in item (参与才考核) the unit declares 不适用 instead of filling it in
  if (opts.optInNotApplicable && l.applicability === "opt-in") return { notApplicable: { reason: "本年度未参与" } };
  const r = l.rule;
  const conditions = l.preconditions.length ? { conditions: Object.fromEntries(l.preconditions.map((p) => [p.code, true])) } : {};
  switch (r.type) {
    case "deduction":
      return { value: { events: [] }, ...conditions };
    case "tiers":
      return { value: r.measure === "monthlyAverage" ? { monthly: Array(r.months).fill("8") } : { value: "2" }, ...conditions };
    case "binary":
      return { value: { yes: true }, ...conditions };
    case "choice":
      return { value: { levels: [] }, ...conditions };
    case "count":
      return { value: { items: ["示例"] }, ...conditions };
    case "ratio":
      return { value: { numerator: 1, denominator: 1 }, ...conditions };
    default:
      return { note: "test" };
  }
}
