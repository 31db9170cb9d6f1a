// Which leaves a unit fills in, and where their facts live. Pure: no database.
import { factUnitFor, type CompiledEdition, type CompiledLeaf } from "../engine/compile";

export type UnitItem = {
  leaf: CompiledLeaf;
  role: "lead" | "cooperate";
  /** the unit whose fact row holds the data ("city" for city-level items) */
  factUnit: string;
  /** may this unit edit the fact? City-level facts are kept by their lead units; others see them */
  editable: boolean;
};

/** The leaves a unit is responsible for (lead or cooperating), in edition order. */
export function itemsForUnit(compiled: CompiledEdition, unitCode: string): UnitItem[] {
  const out: UnitItem[] = [];
  for (const part of compiled.parts) {
    for (const leaf of part.leaves) {
      const role = leaf.assessed.get(unitCode);
      if (!role) continue;
      const factUnit = factUnitFor(compiled, leaf, unitCode);
      out.push({ leaf, role, factUnit, editable: factUnit === unitCode || role === "lead" });
    }
  }
  return out;
}

export function unitItem(compiled: CompiledEdition, unitCode: string, itemCode: string): UnitItem | null {
  const leaf = compiled.leafByCode.get(itemCode);
  if (!leaf) return null;
  const role = leaf.assessed.get(unitCode);
  if (!role) return null;
  const factUnit = factUnitFor(compiled, leaf, unitCode);
  return { leaf, role, factUnit, editable: factUnit === unitCode || role === "lead" };
}
