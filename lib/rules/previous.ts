// 沿用上年指标: how the items of one edition continue the items of the edition before it
// (edition.yaml `previous`). An item continues the previous edition's item named in
// `previous.items`, else the item with its own code (when that edition has one); `null`
// marks a new item that continues none. Pure: used by the validator, the 试算 and 历年对比.
import { walkIndicators } from "./resolve";
import type { TEdition } from "./schema";
import type { Issue } from "./validate";

/** Every indicator code of an edition (groups and leaves), in tree order. */
export function itemCodes(e: TEdition): string[] {
  return e.parts.flatMap((p) => [...walkIndicators(p.indicators)].map(({ node }) => node.code));
}

/**
 * For each item of `edition`, the item of `source` it continues (or null). The explicit
 * mapping applies only when `edition.previous.edition` names `source`; otherwise items map
 * by code.
 */
export function continuedItems(edition: TEdition, source: TEdition): Map<string, string | null> {
  const sourceCodes = new Set(itemCodes(source));
  const explicit = edition.previous?.edition === source.id ? (edition.previous.items ?? {}) : {};
  // an item named as another's explicit source is continued by that one only
  const claimed = new Set(Object.entries(explicit).flatMap(([code, to]) => (to && to !== code ? [to] : [])));
  const out = new Map<string, string | null>();
  for (const code of itemCodes(edition)) {
    if (Object.hasOwn(explicit, code)) {
      const to = explicit[code];
      out.set(code, to && sourceCodes.has(to) ? to : null);
    } else out.set(code, sourceCodes.has(code) && !claimed.has(code) ? code : null);
  }
  return out;
}

/** Within one edition: every mapped key is an item of this edition, and it does not continue itself. */
export function checkPreviousOwn(edition: TEdition, file: string): Issue[] {
  const prev = edition.previous;
  if (!prev) return [];
  const issues: Issue[] = [];
  if (prev.edition === edition.id) issues.push({ file, path: "previous.edition", message: `上年版本不能是本版本自己（${edition.id}）` });
  const own = new Set(itemCodes(edition));
  const targets = new Map<string, string>();
  for (const [code, to] of Object.entries(prev.items ?? {})) {
    if (!own.has(code)) issues.push({ file, path: `previous.items.${code}`, message: `本版本没有指标“${code}”，不能为它指定沿用的上年指标` });
    if (to === null) continue;
    const other = targets.get(to);
    if (other) issues.push({ file, path: `previous.items.${code}`, message: `上年指标“${to}”已由“${other}”沿用，一个上年指标只能对应本版本的一个指标` });
    else targets.set(to, code);
  }
  return issues;
}

/** Against the previous edition itself: every mapped value is one of its items. */
export function checkPreviousAgainst(edition: TEdition, previous: TEdition, file: string): Issue[] {
  if (!edition.previous || edition.previous.edition !== previous.id) return [];
  const theirs = new Set(itemCodes(previous));
  return Object.entries(edition.previous.items ?? {})
    .filter(([, to]) => to !== null && !theirs.has(to))
    .map(([code, to]): Issue => ({ file, path: `previous.items.${code}`, message: `上年版本 ${previous.id} 没有指标“${to}”` }));
}
