// Where a validator issue belongs in the editor: the indicator it names (by code) and the
// field under it, from "part1.yaml" + "indicators[0].children[2].rule.cap".
import type { TEdition } from "@/lib/rules/schema";
import type { Issue } from "@/lib/rules/validate";

/** "indicators[0].children[2].rule" → ["indicators", 0, "children", 2, "rule"] (as lib/rules/load.ts, which needs node:fs) */
function parseIssuePath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export type PlacedIssue = { node: string | null; field: string; message: string; severity: "error" | "warning" };

export function placeIssue(e: TEdition, issue: Issue, severity: "error" | "warning"): PlacedIssue {
  const m = /^part(\d+)\.yaml$/.exec(issue.file);
  // 沿用上年指标 (edition.yaml previous.items.<item code>) belongs to its item
  if (!m && issue.path.startsWith("previous.items.")) return { node: issue.path.slice("previous.items.".length), field: "previous", message: issue.message, severity };
  if (!m) return { node: null, field: issue.file === "units.yaml" ? "units" : issue.path.split(/[.[]/)[0] || "edition", message: issue.message, severity };
  let cur: unknown = e.parts[Number(m[1]) - 1];
  let node: string | null = null;
  let rest: (string | number)[] = [];
  const segs = parseIssuePath(issue.path);
  for (let i = 0; i < segs.length; i++) {
    if (segs[i] === "columns") {
      // the part's 分解表 (shown on its row by ColumnsEditor); an item's own `columns` stays on the item
      if (i === 0) return { node: null, field: "分解表", message: issue.message, severity };
      break;
    }
    cur = (cur as Record<string | number, unknown> | undefined)?.[segs[i]];
    const code = (cur as { code?: unknown; max?: unknown } | undefined)?.code;
    if (typeof code === "string" && (cur as { max?: unknown }).max !== undefined) {
      node = code;
      rest = segs.slice(i + 1);
    }
  }
  return { node, field: rest.filter((s) => typeof s === "string").join(".") || "node", message: issue.message, severity };
}
