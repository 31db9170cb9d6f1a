// Links to a unit's scorecard, without the query parsing of ./query.ts (and its zod), so
// client components can build them from a unit code.
export function scorecardHref(unit: string, edition?: number): string {
  return `/scorecards/${encodeURIComponent(unit)}${edition ? `?edition=${edition}` : ""}`;
}
