// A valid self-assessment payload for any leaf (the shapes tests/e2e/review.spec.ts uses):
// enough for the engine to score it, so other tests' dashboards stay valid.
import type { CompiledLeaf } from "../../lib/engine";

export function filledPayload(l: CompiledLeaf): object {
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
