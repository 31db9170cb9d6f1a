import type { TRelation } from "@/lib/indicators/filter";

/** What every node of the tree needs to render: passed down as one prop (server components have no context). */
export type TRenderCtx = {
  /** keyword terms to highlight */
  terms: string[];
  /** a filter is active: every node starts expanded */
  openAll: boolean;
  /** leaf code → the selected unit's relation to it */
  relation: Record<string, TRelation>;
  /** the selected unit's name, for badges */
  unitName: string | null;
  /** link to an indicator code or a column anchor: "#x" when shown, else the unfiltered page */
  href: (anchor: string) => string;
};
