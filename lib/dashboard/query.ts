// The dashboard's URL search params (edition, part, group, sort) and the export routes'
// edition param: parsed leniently, so a stale or hand-edited link shows the defaults
// instead of an error.
import { z } from "zod";
import { GROUPS, OVERALL, type TGroup } from "./view";

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const ZEditionParam = z.preprocess(first, z.coerce.number().int().positive().optional().catch(undefined));

export const ZDashboardQuery = z.object({
  edition: ZEditionParam,
  group: z.preprocess(first, z.enum(GROUPS).catch("department")).default("department"),
  /** "overall" or a part code; checked against the edition later */
  part: z.preprocess(first, z.string().regex(/^[A-Za-z0-9._-]{1,40}$/).catch(OVERALL)).default(OVERALL),
});
export type TDashboardQuery = { edition?: number; group: TGroup; part: string };

export function parseDashboardQuery(raw: Record<string, string | string[] | undefined>): TDashboardQuery {
  return ZDashboardQuery.parse(raw);
}

/** The dashboard URL for a query (defaults left out). */
export function dashboardHref(q: Partial<TDashboardQuery>): string {
  const p = new URLSearchParams();
  if (q.edition) p.set("edition", String(q.edition));
  if (q.part && q.part !== OVERALL) p.set("part", q.part);
  if (q.group && q.group !== "department") p.set("group", q.group);
  const s = p.toString();
  return s ? `/dashboard?${s}` : "/dashboard";
}

export { scorecardHref } from "./hrefs";

/** 历年对比's ?unit= (a unit code); anything else shows the first unit. */
export const ZHistoryQuery = z.object({
  unit: z.preprocess(first, z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional().catch(undefined)),
});
