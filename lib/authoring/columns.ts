// Edits of a part's website 分解表 (columns), each returning a new edition like tree.ts: add a
// column (top-level, child or sibling), change its name, code, 保障内容 or responsible units,
// move it, remove it. A code change carries the items' `columns` references to it; removing
// a column items still name leaves those references for the validator to flag on the item.
// Editing an inherited cell (a blank cell of the seed filled from the row above) makes it the
// column's own: the inherited mark goes, and the original 责任单位 text with the units.
import { walkColumns } from "../rules/resolve";
import { removeAt, swapAt } from "./tree";
import type { TColumn, TEdition, TIndicator } from "../rules/schema";

type Loc = { list: TColumn[]; index: number; parent: TColumn | null; part: number };

function locate(e: TEdition, code: string): Loc | null {
  for (let p = 0; p < e.parts.length; p++) {
    const walk = (list: TColumn[], parent: TColumn | null): Loc | null => {
      for (let i = 0; i < list.length; i++) {
        if (list[i].code === code) return { list, index: i, parent, part: p };
        const hit = list[i].children ? walk(list[i].children!, list[i]) : null;
        if (hit) return hit;
      }
      return null;
    };
    const hit = walk(e.parts[p].columns ?? [], null);
    if (hit) return hit;
  }
  return null;
}

function edit(e: TEdition, code: string, fn: (loc: Loc, copy: TEdition) => void): TEdition {
  const copy = structuredClone(e);
  const loc = locate(copy, code);
  if (loc) fn(loc, copy);
  return copy;
}

export function findColumn(e: TEdition, code: string): TColumn | null {
  const l = locate(e, code);
  return l ? l.list[l.index] : null;
}

/** A column code not yet used in the edition: "<base>.new", "<base>.new2"… */
export function freshColumnCode(e: TEdition, base: string): string {
  const used = new Set(e.parts.flatMap((p) => [...walkColumns(p.columns ?? [])].map((w) => w.node.code)));
  let c = `${base}.new`;
  for (let i = 2; used.has(c); i++) c = `${base}.new${i}`;
  return c;
}

const newColumn = (code: string): TColumn => ({ code, name: "新栏目", content: "", responsible: [] });

/** A new top-level column at the end of part `part`'s 分解表. */
export function addTopColumn(e: TEdition, part: number): { edition: TEdition; code: string } {
  const code = freshColumnCode(e, "col");
  const copy = structuredClone(e);
  copy.parts[part].columns = [...(copy.parts[part].columns ?? []), newColumn(code)];
  return { edition: copy, code };
}

/** A new column under `code` (which becomes a heading: its content and units go to nobody, as a heading has none). */
export function addChildColumn(e: TEdition, code: string): { edition: TEdition; code: string } {
  const c = freshColumnCode(e, code);
  return {
    edition: edit(e, code, (l) => {
      const { content: _c, responsible: _r, responsibleText: _t, inherited: _i, inheritedFrom: _f, ...rest } = l.list[l.index];
      l.list[l.index] = { ...rest, children: [...(l.list[l.index].children ?? []), newColumn(c)] };
    }),
    code: c,
  };
}

export function addSiblingColumn(e: TEdition, code: string): { edition: TEdition; code: string } {
  const loc = locate(e, code);
  const c = freshColumnCode(e, loc?.parent?.code ?? "col");
  return { edition: edit(e, code, (l) => l.list.splice(l.index + 1, 0, newColumn(c))), code: c };
}

function withoutInherited(col: TColumn, field: "content" | "responsible"): TColumn {
  const inherited = col.inherited?.filter((f) => f !== field);
  const out: TColumn = { ...col, inherited: inherited?.length ? inherited : undefined };
  if (!out.inherited) delete out.inheritedFrom;
  for (const k of Object.keys(out) as (keyof TColumn)[]) if (out[k] === undefined) delete out[k];
  return out;
}

export type ColumnPatch = Partial<Pick<TColumn, "code" | "name" | "content" | "responsible">>;

/** Change the column `code`; a new code carries the items' references to it. */
export function updateColumn(e: TEdition, code: string, patch: ColumnPatch): TEdition {
  return edit(e, code, (l, copy) => {
    let col: TColumn = { ...l.list[l.index], ...patch };
    if (patch.content !== undefined) col = withoutInherited(col, "content");
    if (patch.responsible !== undefined) {
      col = withoutInherited(col, "responsible");
      delete col.responsibleText; // the seed's cell text no longer says who is responsible
    }
    l.list[l.index] = col;
    if (patch.code !== undefined && patch.code !== code) {
      const fix = (list: TIndicator[]) =>
        list.forEach((n) => {
          if (n.columns) n.columns = n.columns.map((c) => (c === code ? patch.code! : c));
          if (n.children) fix(n.children);
        });
      fix(copy.parts[l.part].indicators);
      for (const { node } of walkColumns(copy.parts[l.part].columns ?? [])) if (node.inheritedFrom === code) node.inheritedFrom = patch.code;
    }
  });
}

export function removeColumn(e: TEdition, code: string): TEdition {
  return edit(e, code, (l) => removeAt(l));
}

export function moveColumn(e: TEdition, code: string, dir: -1 | 1): TEdition {
  return edit(e, code, (l) => swapAt(l, dir));
}

/** Items of the edition whose `columns` name this column (the editor warns before a removal). */
export function columnReferences(e: TEdition, code: string): string[] {
  const out: string[] = [];
  const walk = (list: TIndicator[]) => list.forEach((n) => (n.columns?.includes(code) && out.push(n.name), n.children && walk(n.children)));
  e.parts.forEach((p) => walk(p.indicators));
  return out;
}

/** The column a validator path of a part file points at ("columns[1].children[0].responsible[0].unit" → its code and "responsible"). */
export function columnOfIssuePath(e: TEdition, part: number, path: string): { code: string; field: string } | null {
  if (!path.startsWith("columns")) return null;
  let list: TColumn[] | undefined = e.parts[part]?.columns;
  let col: TColumn | undefined;
  let rest = path;
  for (;;) {
    const m = /^(?:columns|\.children)\[(\d+)\]/.exec(rest);
    if (!m || !list) break;
    col = list[Number(m[1])];
    list = col?.children;
    rest = rest.slice(m[0].length);
  }
  if (!col) return null;
  return { code: col.code, field: /^\.([a-zA-Z]+)/.exec(rest)?.[1] ?? "" };
}
