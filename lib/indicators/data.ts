import "server-only";
// What the 指标体系 page reads: the current edition (from PostgreSQL), built into the view
// model once per edition version, then filtered by the URL's unit and keyword.
import type { SessionUser } from "../auth/session";
import { getCurrentEdition } from "../editions";
import { filterIndicatorsView, type TFilteredIndicators } from "./filter";
import { parseIndicatorsQuery } from "./query";
import { buildIndicatorsView, type TIndicatorsView } from "./view";

export type TIndicatorsPage =
  | { kind: "no-edition" }
  | {
      kind: "ok";
      edition: { name: string; year: number; version: number };
      view: TIndicatorsView;
      result: TFilteredIndicators;
      /** the unit filter came from the user's own unit, not the URL */
      defaultUnit: boolean;
      /** ?unit= named no unit of this edition: all units are shown */
      unknownUnit: string | null;
    };

const views = new Map<number, TIndicatorsView>();

export async function getIndicatorsPage(user: SessionUser, raw: Record<string, string | string[] | undefined>): Promise<TIndicatorsPage> {
  const loaded = await getCurrentEdition();
  if (!loaded) return { kind: "no-edition" };
  let view = views.get(loaded.id);
  if (!view) {
    view = buildIndicatorsView(loaded.edition);
    views.set(loaded.id, view);
  }
  const query = parseIndicatorsQuery(raw);
  const known = (code: string | null | undefined) => (code && view.units.some((u) => u.code === code) ? code : null);
  // A 填报员 starts on their own unit's items; "?unit=" (empty) shows every unit's.
  const defaultUnit = query.unit === undefined && user.roles.includes("filler") ? known(user.unitCode) : null;
  const unit = query.unit === undefined ? defaultUnit : known(query.unit);
  const unknownUnit = query.unit && !unit ? query.unit : null;
  const result = filterIndicatorsView(view, { unit, q: query.q ?? null });
  return {
    kind: "ok",
    edition: { name: loaded.name, year: loaded.year, version: loaded.version },
    view,
    result,
    defaultUnit: defaultUnit !== null,
    unknownUnit,
  };
}
