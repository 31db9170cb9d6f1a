// Edits of an edition's units (市直部门 / 县（市、区）), each returning a new edition like
// tree.ts: add, change, remove. A rename carries the items' and columns' responsible-unit
// references that named the unit by its old name, so renaming never breaks an assignment;
// removing a unit leaves its references for the validator to flag next to each item.
import { walkColumns, walkIndicators } from "../rules/resolve";
import type { TEdition, TResponsible, TUnit, TUnitGroup } from "../rules/schema";

export const UNIT_GROUP_LABELS: Record<TUnitGroup, string> = { department: "市直部门", county: "县（市、区）", city: "全市" };

/** A code not yet used: "dept-new", "dept-new2"… ("county-new" for a county). */
export function freshUnitCode(e: TEdition, group: TUnitGroup): string {
  const used = new Set(e.units.map((u) => u.code));
  const base = group === "department" ? "dept-new" : `${group}-new`;
  let c = base;
  for (let i = 2; used.has(c); i++) c = `${base}${i}`;
  return c;
}

/** A new unit of `group`, placed after the group's last unit (the list reads by group). */
export function addUnit(e: TEdition, group: Exclude<TUnitGroup, "city">): { edition: TEdition; code: string } {
  const code = freshUnitCode(e, group);
  const unit: TUnit = { code, name: `新${UNIT_GROUP_LABELS[group]}单位`, group, aliases: [] };
  const units = [...e.units];
  const last = units.map((u) => u.group).lastIndexOf(group);
  units.splice(last < 0 ? units.length : last + 1, 0, unit);
  return { edition: { ...e, units }, code };
}

function renameRefs(e: TEdition, from: string, to: string): TEdition {
  if (!from || from === to) return e;
  const copy = structuredClone(e);
  const fix = (list: TResponsible[] | undefined) => list?.forEach((r) => r.unit === from && (r.unit = to));
  for (const p of copy.parts) {
    for (const { node } of walkIndicators(p.indicators)) fix(node.responsible);
    for (const { node } of walkColumns(p.columns ?? [])) fix(node.responsible);
  }
  return copy;
}

/** Change the unit at `index`: a new code or name carries the references to it. */
export function updateUnit(e: TEdition, index: number, patch: Partial<TUnit>): TEdition {
  const old = e.units[index];
  if (!old) return e;
  const next = { ...old, ...patch };
  // a name typed on the way that another unit or a collective also has did not mean this unit
  const ownRef = (ref: string) =>
    !e.units.some((u, i) => i !== index && (u.code === ref || u.name === ref || u.aliases.includes(ref))) && !e.collectives.some((c) => c.name === ref);
  let out: TEdition = { ...e, units: e.units.map((u, i) => (i === index ? next : u)) };
  if (patch.code !== undefined && ownRef(old.code)) out = renameRefs(out, old.code, next.code);
  if (patch.name !== undefined && ownRef(old.name)) out = renameRefs(out, old.name, next.name);
  return out;
}

export function removeUnit(e: TEdition, index: number): TEdition {
  return { ...e, units: e.units.filter((_, i) => i !== index) };
}

/** Items whose responsible units name this unit (by code, name or alias), for the editor's warning. */
export function unitReferences(e: TEdition, unit: TUnit): string[] {
  const names = new Set([unit.code, unit.name, ...unit.aliases]);
  const out: string[] = [];
  for (const p of e.parts) {
    for (const { node } of walkIndicators(p.indicators)) if (node.responsible?.some((r) => names.has(r.unit))) out.push(node.name);
  }
  return out;
}
