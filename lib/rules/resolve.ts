// Resolving the seed's responsible-unit cells to unit codes, and walking the trees.
// Shared by the validator, the loader, the engine and the UI.
import type { TColumn, TEdition, TIndicator, TPart, TResponsible, TUnit, TUnitGroup } from "./schema";

export type ResolvedResponsible = { unit: string; role: "lead" | "cooperate"; inferred: boolean };

/** Normalise a unit name for lookup: full-width brackets, spaces. */
export function normaliseUnitName(name: string): string {
  return name
    .replace(/\s+/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

export type UnitIndex = {
  byKey: Map<string, TUnit>; // code, name and aliases → unit
  collectives: Map<string, TUnitGroup>;
  units: TUnit[];
};

export function buildUnitIndex(units: TUnit[], collectives: { name: string; group: TUnitGroup }[]): UnitIndex {
  const byKey = new Map<string, TUnit>();
  for (const u of units) {
    byKey.set(u.code, u);
    byKey.set(normaliseUnitName(u.name), u);
    for (const a of u.aliases) byKey.set(normaliseUnitName(a), u);
  }
  const coll = new Map<string, TUnitGroup>();
  for (const c of collectives) coll.set(normaliseUnitName(c.name), c.group);
  return { byKey, collectives: coll, units };
}

/** Resolve one reference to unit codes; null when it names nothing known. */
export function resolveUnitRef(index: UnitIndex, ref: string): string[] | null {
  const key = normaliseUnitName(ref);
  const unit = index.byKey.get(ref) ?? index.byKey.get(key);
  if (unit) return [unit.code];
  const group = index.collectives.get(key);
  if (group) return index.units.filter((u) => u.group === group).map((u) => u.code);
  return null;
}

/** Expand a list of responsible entries; a unit named twice keeps its strongest role (lead). */
export function resolveResponsibleList(index: UnitIndex, list: TResponsible[] | undefined): ResolvedResponsible[] {
  const out = new Map<string, ResolvedResponsible>();
  for (const r of list ?? []) {
    for (const code of resolveUnitRef(index, r.unit) ?? []) {
      const prev = out.get(code);
      if (!prev || (prev.role === "cooperate" && r.role === "lead")) {
        out.set(code, { unit: code, role: r.role, inferred: r.inferred });
      }
    }
  }
  return [...out.values()];
}

export function* walkIndicators(nodes: TIndicator[], path: TIndicator[] = []): Generator<{ node: TIndicator; path: TIndicator[] }> {
  for (const node of nodes) {
    yield { node, path };
    if (node.children) yield* walkIndicators(node.children, [...path, node]);
  }
}

export function* walkColumns(nodes: TColumn[], path: TColumn[] = []): Generator<{ node: TColumn; path: TColumn[] }> {
  for (const node of nodes) {
    yield { node, path };
    if (node.children) yield* walkColumns(node.children, [...path, node]);
  }
}

export function isLeaf(node: TIndicator | TColumn): boolean {
  return !node.children || node.children.length === 0;
}

/** All leaf columns at or under the column with this code. */
export function leafColumnsUnder(part: TPart, code: string): TColumn[] {
  for (const { node } of walkColumns(part.columns ?? [])) {
    if (node.code === code) {
      return [...walkColumns([node])].filter((w) => isLeaf(w.node)).map((w) => w.node);
    }
  }
  return [];
}

/**
 * Which units are assessed on a leaf indicator, and in which role.
 * - "responsible" (default): the leaf's own responsible cell, or the nearest ancestor's.
 * - "columns": every unit responsible for at least one of the columns it assesses.
 * - "all-departments": every department.
 * - "opt-in": like "columns"/"responsible", but a unit not involved is not applicable
 *   (decided per unit by its facts; see the engine).
 */
export function assessedUnits(
  edition: TEdition,
  part: TPart,
  leaf: TIndicator,
  ancestors: TIndicator[],
  index: UnitIndex = buildUnitIndex(edition.units, edition.collectives),
): ResolvedResponsible[] {
  const mode = leaf.applicability ?? "responsible";
  if (mode === "all-departments") {
    return edition.units.filter((u) => u.group === "department").map((u) => ({ unit: u.code, role: "lead", inferred: false }));
  }
  if ((mode === "columns" || mode === "opt-in") && leaf.columns && leaf.columns.length > 0) {
    const merged = new Map<string, ResolvedResponsible>();
    for (const colCode of leaf.columns) {
      for (const col of leafColumnsUnder(part, colCode)) {
        for (const r of resolveResponsibleList(index, col.responsible)) {
          const prev = merged.get(r.unit);
          if (!prev || (prev.role === "cooperate" && r.role === "lead")) merged.set(r.unit, r);
        }
      }
    }
    return [...merged.values()];
  }
  const own = leaf.responsible ?? [...ancestors].reverse().find((a) => a.responsible && a.responsible.length > 0)?.responsible;
  return resolveResponsibleList(index, own);
}
