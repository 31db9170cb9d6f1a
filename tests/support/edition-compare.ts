// Structural comparison of two editions by name path (codes differ between a hand-written
// edition and one imported from prose): items and their points, the units each leaf assesses
// (resolved to unit codes with 牵头/配合), the website columns and their units, and the
// assessment texts. Returns one key per difference, for a test to list with its reason.
import { assessedUnits, buildUnitIndex, isLeaf, resolveResponsibleList } from "@/lib/rules/resolve";
import type { TColumn, TEdition, TIndicator } from "@/lib/rules/schema";

type Flat = { leaf: boolean; max?: string; units?: string; texts?: Record<string, string | undefined> };

const unitKey = (list: { unit: string; role: string }[]) =>
  list
    .map((r) => `${r.unit}:${r.role}`)
    .sort()
    .join(",");

function flatten(e: TEdition): Map<string, Flat> {
  const index = buildUnitIndex(e.units, e.collectives);
  const out = new Map<string, Flat>();
  e.parts.forEach((part) => {
    const walk = (nodes: TIndicator[], ancestors: TIndicator[], prefix: string) => {
      for (const n of nodes) {
        const p = `${prefix}/${n.name}`;
        const leaf = isLeaf(n);
        out.set(`指标 ${p}`, {
          leaf,
          max: String(n.max),
          ...(leaf ? { units: unitKey(assessedUnits(e, part, n, ancestors, index)) } : {}),
          texts: { ...n.text },
        });
        if (n.children) walk(n.children, [...ancestors, n], p);
      }
    };
    walk(part.indicators, [], part.code);
    const walkCols = (nodes: TColumn[], prefix: string) => {
      for (const c of nodes) {
        const p = `${prefix}/${c.name}`;
        const leaf = !c.children?.length;
        out.set(`栏目 ${p}`, { leaf, ...(leaf ? { units: unitKey(resolveResponsibleList(index, c.responsible)), texts: { content: c.content } } : {}) });
        if (c.children) walkCols(c.children, p);
      }
    };
    walkCols(part.columns ?? [], part.code);
  });
  return out;
}

/** Differences of `got` from `want`, one key each ("分值 指标 p1/…", "缺少 栏目 p2/…"). */
export function compareEditions(want: TEdition, got: TEdition): string[] {
  const a = flatten(want);
  const b = flatten(got);
  const out: string[] = [];
  for (const [k, w] of a) {
    const g = b.get(k);
    if (!g) {
      out.push(`缺少 ${k}`);
      continue;
    }
    if (w.max !== g.max) out.push(`分值 ${k}：${w.max} → ${g.max}`);
    if (w.leaf !== g.leaf) out.push(`层级 ${k}：${w.leaf ? "叶子" : "有下级"} → ${g.leaf ? "叶子" : "有下级"}`);
    else if (w.leaf && w.units !== g.units) out.push(`单位 ${k}`);
    for (const f of Object.keys({ ...w.texts, ...g.texts })) {
      if ((w.texts?.[f] ?? "") !== (g.texts?.[f] ?? "")) out.push(`文字 ${k} ${f}`);
    }
  }
  for (const k of b.keys()) if (!a.has(k)) out.push(`多出 ${k}`);
  return out;
}
