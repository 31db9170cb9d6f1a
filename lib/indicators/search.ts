// Keyword matching shared by the filter (which nodes match) and the highlighter (where in
// a text). Folding keeps string length, so positions found in the folded text are
// positions in the original.

/** Case and bracket folding: "(" and "（" match each other, as in unit names. */
export function foldText(s: string): string {
  return s.toLowerCase().replace(/\(/g, "（").replace(/\)/g, "）");
}

export function textMatches(text: string | null | undefined, terms: string[]): boolean {
  if (!text || terms.length === 0) return false;
  const t = foldText(text);
  return terms.some((term) => term.length > 0 && t.includes(foldText(term)));
}

export type TSegment = { text: string; hit: boolean };

/** Split `text` into plain and matching segments; the longest term wins where terms overlap. */
export function splitHighlights(text: string, terms: string[]): TSegment[] {
  const folded = foldText(text);
  const ordered = [...new Set(terms.map(foldText).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return [{ text, hit: false }];
  const out: TSegment[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    const term = ordered.find((t) => folded.startsWith(t, i));
    if (!term) {
      i += 1;
      continue;
    }
    if (i > plainStart) out.push({ text: text.slice(plainStart, i), hit: false });
    out.push({ text: text.slice(i, i + term.length), hit: true });
    i += term.length;
    plainStart = i;
  }
  if (plainStart < text.length) out.push({ text: text.slice(plainStart), hit: false });
  return out;
}
