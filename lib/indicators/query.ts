// The page's URL search params (?unit=CODE&q=keyword): one zod schema at the boundary.
import { z } from "zod";
import { searchText } from "../zod/text";

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const ZIndicatorsQuery = z.object({
  /** absent: the default (a 填报员's own unit); "" : all units */
  unit: z.preprocess(first, searchText(64).optional()).catch(undefined),
  q: z.preprocess(first, searchText(100).optional()).catch(undefined),
});
export type TIndicatorsQuery = z.infer<typeof ZIndicatorsQuery>;

export function parseIndicatorsQuery(raw: Record<string, string | string[] | undefined>): TIndicatorsQuery {
  return ZIndicatorsQuery.parse(raw);
}
