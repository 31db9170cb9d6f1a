// Edits of the indicator tree of an edition value, each returning a new edition (the
// editor's state is immutable): update, add, remove, move up/down, indent/outdent.
import type { TEdition, TIndicator } from "../rules/schema";

type Loc = { list: TIndicator[]; index: number; parent: TIndicator | null; part: number };

function locate(e: TEdition, code: string): Loc | null {
  for (let p = 0; p < e.parts.length; p++) {
    const walk = (list: TIndicator[], parent: TIndicator | null): Loc | null => {
      for (let i = 0; i < list.length; i++) {
        if (list[i].code === code) return { list, index: i, parent, part: p };
        const hit = list[i].children ? walk(list[i].children!, list[i]) : null;
        if (hit) return hit;
      }
      return null;
    };
    const hit = walk(e.parts[p].indicators, null);
    if (hit) return hit;
  }
  return null;
}

export function findNode(e: TEdition, code: string): TIndicator | null {
  const l = locate(e, code);
  return l ? l.list[l.index] : null;
}

function edit(e: TEdition, code: string, fn: (loc: Loc) => void): TEdition {
  const copy = structuredClone(e);
  const loc = locate(copy, code);
  if (loc) fn(loc);
  return copy;
}

export function updateNode(e: TEdition, code: string, fn: (n: TIndicator) => TIndicator): TEdition {
  return edit(e, code, (l) => (l.list[l.index] = fn(l.list[l.index])));
}

function allCodes(e: TEdition): Set<string> {
  const out = new Set<string>();
  const walk = (l: TIndicator[]) => l.forEach((n) => (out.add(n.code), n.children && walk(n.children)));
  e.parts.forEach((p) => walk(p.indicators));
  return out;
}

/** A code not yet used: "<base>.new", "<base>.new2"… */
export function freshCode(e: TEdition, base: string): string {
  const used = allCodes(e);
  let c = `${base}.new`;
  for (let i = 2; used.has(c); i++) c = `${base}.new${i}`;
  return c;
}

export function newLeaf(code: string): TIndicator {
  return { code, name: "新指标", max: 1, rule: { type: "rating", max: 1 }, responsible: [] };
}

/** Add a leaf under `code` (which becomes a parent: its rule moves to nobody, as a parent has none). */
export function addChild(e: TEdition, code: string): { edition: TEdition; code: string } {
  const c = freshCode(e, code);
  return {
    edition: edit(e, code, (l) => {
      const n = l.list[l.index];
      const { rule: _rule, scope: _scope, ...rest } = n;
      l.list[l.index] = { ...rest, children: [...(n.children ?? []), newLeaf(c)] };
    }),
    code: c,
  };
}

export function addSibling(e: TEdition, code: string): { edition: TEdition; code: string } {
  const loc = locate(e, code);
  const c = freshCode(e, loc?.parent?.code ?? code);
  return { edition: edit(e, code, (l) => l.list.splice(l.index + 1, 0, newLeaf(c))), code: c };
}

/** A node's place among its siblings, for the list edits the indicator tree and the 分解表 share. */
export type SiblingLoc<T extends { children?: T[] }> = { list: T[]; index: number; parent: T | null };

/** Takes the node out of its list (a parent left without children becomes a leaf again). */
export function removeAt<T extends { children?: T[] }>(l: SiblingLoc<T>): void {
  l.list.splice(l.index, 1);
  if (l.parent && l.list.length === 0) delete l.parent.children;
}

/** Swaps the node with its previous (-1) or next (1) sibling; nothing at either end. */
export function swapAt<T>(l: { list: T[]; index: number }, dir: -1 | 1): void {
  const j = l.index + dir;
  if (j < 0 || j >= l.list.length) return;
  [l.list[l.index], l.list[j]] = [l.list[j], l.list[l.index]];
}

export function removeNode(e: TEdition, code: string): TEdition {
  return edit(e, code, removeAt);
}

export function moveNode(e: TEdition, code: string, dir: -1 | 1): TEdition {
  return edit(e, code, (l) => swapAt(l, dir));
}

/** Move a node under its previous sibling (indent) or next to its parent (outdent). */
export function indentNode(e: TEdition, code: string, dir: "in" | "out"): TEdition {
  const copy = structuredClone(e);
  const l = locate(copy, code);
  if (!l) return e;
  const node = l.list[l.index];
  if (dir === "in") {
    if (l.index === 0) return e;
    const prev = l.list[l.index - 1];
    l.list.splice(l.index, 1);
    const { rule: _r, scope: _s, ...rest } = prev;
    l.list[l.index - 1] = { ...rest, children: [...(prev.children ?? []), node] };
    return copy;
  }
  if (!l.parent) return e;
  const pl = locate(copy, l.parent.code)!;
  l.list.splice(l.index, 1);
  if (l.list.length === 0) delete l.parent.children;
  pl.list.splice(pl.index + 1, 0, node);
  return copy;
}
