// Competition ranking (1, 2, 2, 4) on exact values, within one unit group.
import type { Exact } from "./exact";
import { toValue } from "./exact";
import type { RankingEntry } from "./types";

export type RankCandidate = { unit: string; name: string; score: Exact; complete: boolean; vetoed: boolean };

/** Sort by exact score (high first); ties share a rank and are listed by unit code, so the
 *  result does not depend on input order. */
export function rankUnits(candidates: RankCandidate[]): RankingEntry[] {
  const sorted = [...candidates].sort((a, b) => {
    const c = b.score.compare(a.score);
    if (c !== 0) return c;
    return a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0;
  });
  const out: RankingEntry[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    const rank = i > 0 && sorted[i - 1].score.compare(c.score) === 0 ? out[i - 1].rank : i + 1;
    out.push({ rank, unit: c.unit, name: c.name, score: toValue(c.score), complete: c.complete, vetoed: c.vetoed });
  }
  return out;
}
