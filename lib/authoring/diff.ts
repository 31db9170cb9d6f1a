// What a draft changes against the edition it was copied from: items added, removed and
// changed (points, rule, units, texts, place in the tree), units and reading options, as
// a readable list. Items are matched as 沿用上年指标 matches them (lib/rules/previous.ts):
// by code, except where the draft's `previous.items` maps a re-coded item to its old code
// (then it is one changed item, 重新编码 old → new, not one removed and one added).
import { canonicalJson } from "../rules/import";
import { continuedItems } from "../rules/previous";
import { walkColumns, walkIndicators } from "../rules/resolve";
import type { TEdition, TIndicator, TResponsible } from "../rules/schema";
import { fmt, pts } from "../rules/validate";

export type DiffItem = { code: string; name: string; part: string; max: string };
/** `previousCode`: the source's code of a re-coded item (its first change says 重新编码). */
export type DiffChange = { code: string; name: string; part: string; changes: string[]; previousCode?: string };
export type EditionDiff = {
  added: DiffItem[];
  removed: DiffItem[];
  changed: DiffChange[];
  unitsAdded: string[];
  unitsRemoved: string[];
  unitsRenamed: string[];
  columnsAdded: string[];
  columnsRemoved: string[];
  columnsChanged: string[];
  edition: string[];
  empty: boolean;
};

type Flat = { node: TIndicator; part: string; parent: string | null; leaf: boolean };

function flatten(e: TEdition): Map<string, Flat> {
  const out = new Map<string, Flat>();
  for (const part of e.parts) {
    for (const { node, path } of walkIndicators(part.indicators)) {
      out.set(node.code, { node, part: part.name, parent: path.length ? path[path.length - 1].code : null, leaf: !node.children?.length });
    }
  }
  return out;
}

const ROLE = { lead: "牵头", cooperate: "配合" } as const;
const respText = (r: TResponsible[] | undefined) => (r ?? []).map((x) => `${x.unit}（${ROLE[x.role]}）`).sort().join("、") || "（无）";
const pointsText = (p: string | number) => fmt(pts(p));
const short = (s: string | undefined, n = 24) => (s === undefined ? "（空）" : s.length > n ? `${s.slice(0, n)}…` : s || "（空）");

/** A rule change in words: the type, else each changed top-level parameter. */
function ruleChanges(a: TIndicator["rule"], b: TIndicator["rule"]): string[] {
  if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) return [];
  if (!a || !b) return [`计分规则：${a ? a.type : "（无）"} → ${b ? b.type : "（无）"}`];
  if (a.type !== b.type) return [`计分规则类型：${a.type} → ${b.type}`];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => k !== "type").sort();
  const val = (v: unknown) => (v === undefined ? "（无）" : typeof v === "object" ? canonicalJson(v) : String(v));
  return keys.filter((k) => canonicalJson(ra[k] ?? null) !== canonicalJson(rb[k] ?? null)).map((k) => `计分规则参数 ${k}：${short(val(ra[k]), 60)} → ${short(val(rb[k]), 60)}`);
}

const TEXT_LABELS = { content: "考核内容", requirement: "考核要求", explanation: "考核说明", scoring: "评分标准" } as const;

/** `parentOf`: the source's code of the draft parent (re-coded parents are not moves). */
function itemChanges(a: Flat, b: Flat, parentOf: (code: string | null) => string | null): string[] {
  const out: string[] = [];
  const x = a.node;
  const y = b.node;
  if (x.code !== y.code) out.push(`重新编码：${x.code} → ${y.code}`);
  if (x.name !== y.name) out.push(`名称：${x.name} → ${y.name}`);
  if (!pts(x.max).equals(pts(y.max))) out.push(`分值：${pointsText(x.max)} → ${pointsText(y.max)}`);
  if (a.parent !== parentOf(b.parent) || a.part !== b.part) out.push(`位置：${a.part}/${a.parent ?? "（顶层）"} → ${b.part}/${b.parent ?? "（顶层）"}`);
  out.push(...ruleChanges(x.rule, y.rule));
  if (respText(x.responsible) !== respText(y.responsible)) out.push(`责任单位：${respText(x.responsible)} → ${respText(y.responsible)}`);
  if ((x.methods ?? []).join("、") !== (y.methods ?? []).join("、")) out.push(`考核方式：${(x.methods ?? []).join("、") || "（无）"} → ${(y.methods ?? []).join("、") || "（无）"}`);
  for (const [k, label] of Object.entries(TEXT_LABELS) as [keyof typeof TEXT_LABELS, string][]) {
    if ((x.text?.[k] ?? "") !== (y.text?.[k] ?? "")) out.push(`${label}：${short(x.text?.[k])} → ${short(y.text?.[k])}`);
  }
  if (canonicalJson(x.readings ?? []) !== canonicalJson(y.readings ?? [])) out.push("口径说明已修改");
  // anything else (scope, modifiers, columns, applicability…)
  const rest = (n: TIndicator) => {
    const { code: _code, name: _n, max: _m, rule: _r, responsible: _p, methods: _me, text: _t, readings: _rd, children: _c, ...others } = n;
    return canonicalJson(others);
  };
  if (rest(x) !== rest(y)) out.push("其他设置（适用范围、加减分项、栏目等）已修改");
  return out;
}

export function diffEditions(source: TEdition, draft: TEdition): EditionDiff {
  const a = flatten(source);
  const b = flatten(draft);
  const item = (f: Flat): DiffItem => ({ code: f.node.code, name: f.node.name, part: f.part, max: pointsText(f.node.max) });
  // draft code → the source item it continues (null: none)
  const continued = continuedItems(draft, source);
  const from = (code: string | null) => (code === null ? null : (continued.get(code) ?? null));
  const matched = new Set([...continued.values()].filter((c): c is string => c !== null));
  const added = [...b.values()].filter((f) => !a.has(from(f.node.code) ?? "")).map(item);
  const removed = [...a.values()].filter((f) => !matched.has(f.node.code)).map(item);
  const changed: DiffChange[] = [];
  for (const [code, fb] of b) {
    const old = from(code);
    const fa = old === null ? undefined : a.get(old);
    if (!fa) continue;
    const changes = itemChanges(fa, fb, from);
    if (changes.length) changed.push({ code, name: fb.node.name, part: fb.part, changes, ...(old !== code ? { previousCode: old! } : {}) });
  }
  const ua = new Map(source.units.map((u) => [u.code, u]));
  const ub = new Map(draft.units.map((u) => [u.code, u]));
  const unitsAdded = draft.units.filter((u) => !ua.has(u.code)).map((u) => `${u.name}（${u.code}）`);
  const unitsRemoved = source.units.filter((u) => !ub.has(u.code)).map((u) => `${u.name}（${u.code}）`);
  const unitsRenamed = draft.units.filter((u) => ua.has(u.code) && ua.get(u.code)!.name !== u.name).map((u) => `${ua.get(u.code)!.name} → ${u.name}（${u.code}）`);
  const cols = (e: TEdition) => new Map(e.parts.flatMap((p) => [...walkColumns(p.columns ?? [])].map(({ node }) => [node.code, node] as const)));
  const ca = cols(source);
  const cb = cols(draft);
  const columnsAdded = [...cb.values()].filter((c) => !ca.has(c.code)).map((c) => `${c.name}（${c.code}）`);
  const columnsRemoved = [...ca.values()].filter((c) => !cb.has(c.code)).map((c) => `${c.name}（${c.code}）`);
  const columnsChanged = [...cb.values()]
    .filter((c) => ca.has(c.code) && canonicalJson({ ...ca.get(c.code)!, children: undefined }) !== canonicalJson({ ...c, children: undefined }))
    .map((c) => `${c.name}（${c.code}）`);
  const edition: string[] = [];
  if (source.name !== draft.name) edition.push(`名称：${source.name} → ${draft.name}`);
  if (source.year !== draft.year) edition.push(`年度：${source.year} → ${draft.year}`);
  const ra = source.readings ?? {};
  const rb = draft.readings ?? {};
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    if (ra[k] !== rb[k]) edition.push(`口径 ${k}：${ra[k] ?? "默认"} → ${rb[k] ?? "默认"}`);
  }
  const empty = [added, removed, changed, unitsAdded, unitsRemoved, unitsRenamed, columnsAdded, columnsRemoved, columnsChanged, edition].every((l) => l.length === 0);
  return { added, removed, changed, unitsAdded, unitsRemoved, unitsRenamed, columnsAdded, columnsRemoved, columnsChanged, edition, empty };
}
