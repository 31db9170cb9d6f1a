"use client";
// The ranking as a table: rank, score, self score and the difference, completeness and
// status. Column headers are buttons (keyboard: Tab + Enter/Space) that sort the rows;
// aria-sort says how. Sorting only reorders: ranks are the engine's.
import Link from "next/link";
import { useMemo, useState } from "react";
import type { TRankRow } from "@/lib/dashboard/view";
import { FinalBadge } from "./Badges";
import { completeness, DASH, score, signed } from "./format";

type Key = "rank" | "name" | "score" | "self" | "diff" | "completeness";
type Dir = "ascending" | "descending";

const COLUMNS: { key: Key; label: string; numeric: boolean; firstDir: Dir }[] = [
  { key: "rank", label: "排名", numeric: true, firstDir: "ascending" },
  { key: "name", label: "单位", numeric: false, firstDir: "ascending" },
  { key: "score", label: "得分（审核后）", numeric: true, firstDir: "descending" },
  { key: "self", label: "自评得分", numeric: true, firstDir: "descending" },
  { key: "diff", label: "差值", numeric: true, firstDir: "ascending" },
  { key: "completeness", label: "完成度", numeric: true, firstDir: "ascending" },
];

export type TRankTableRow = TRankRow & { href: string; sort: { score: number; self: number | null; diff: number | null } };

function keyOf(r: TRankTableRow, key: Key): number | string | null {
  switch (key) {
    case "rank":
      return r.rank;
    case "name":
      return r.name;
    case "score":
      return r.sort.score;
    case "self":
      return r.sort.self;
    case "diff":
      return r.sort.diff;
    case "completeness":
      return r.completeness.applicable ? r.completeness.entered / r.completeness.applicable : 0;
  }
}

export function RankingTable({ rows, scopeName, groupLabel }: { rows: TRankTableRow[]; scopeName: string; groupLabel: string }) {
  const [sort, setSort] = useState<{ key: Key; dir: Dir }>({ key: "rank", dir: "ascending" });
  const sorted = useMemo(() => {
    const out = [...rows];
    const mul = sort.dir === "ascending" ? 1 : -1;
    out.sort((a, b) => {
      const x = keyOf(a, sort.key);
      const y = keyOf(b, sort.key);
      if (x === null && y === null) return a.rank - b.rank;
      if (x === null) return 1; // empty values last either way
      if (y === null) return -1;
      const c = typeof x === "string" ? x.localeCompare(y as string, "zh-CN") : x - (y as number);
      return c !== 0 ? c * mul : a.rank - b.rank;
    });
    return out;
  }, [rows, sort]);

  const toggle = (key: Key) => {
    const col = COLUMNS.find((c) => c.key === key)!;
    setSort((s) => (s.key === key ? { key, dir: s.dir === "ascending" ? "descending" : "ascending" } : { key, dir: col.firstDir }));
  };

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table data-testid="ranking-table" className="w-full border-collapse text-base">
        <caption className="sr-only">
          {groupLabel}·{scopeName}排名（可按列排序）
        </caption>
        <thead>
          <tr className="bg-slate-100 text-left">
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.dir : "none"} className={`px-3 py-2 font-semibold ${c.numeric && c.key !== "rank" ? "text-right" : ""}`}>
                <button type="button" onClick={() => toggle(c.key)} className="inline-flex items-center gap-1 rounded hover:text-brand-700">
                  {c.label}
                  <span aria-hidden="true" className="text-xs text-slate-500">
                    {sort.key === c.key ? (sort.dir === "ascending" ? "▲" : "▼") : "↕"}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col" className="px-3 py-2 font-semibold">
              状态
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.unit} data-unit={r.unit} className="border-t border-slate-200 hover:bg-brand-50">
              <td className="px-3 py-2 font-semibold tabular-nums" data-col="rank">
                {r.rank}
              </td>
              <td className="px-3 py-2">
                <Link href={r.href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {r.name}
                </Link>
                {r.vetoed ? <span className="ml-2 rounded bg-red-700 px-1.5 text-sm text-white">否决</span> : null}
              </td>
              <td className="px-3 py-2 text-right font-semibold tabular-nums" data-col="score">
                {score(r.score)}
                {r.postPenalty ? (
                  <span className="block text-xs font-normal text-red-800" title="审核员录入的加重扣分，在折算为百分制之后扣除">
                    含加重扣分 −{r.postPenalty.display}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 text-right tabular-nums text-slate-700" data-col="self">
                {score(r.self)}
              </td>
              <td className={`px-3 py-2 text-right tabular-nums ${r.diff && r.diff.display.startsWith("-") ? "text-red-800" : r.diff && r.diff.display !== "0" ? "text-emerald-800" : "text-slate-700"}`} data-col="diff">
                {r.diff ? signed(r.diff) : DASH}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {completeness(r.completeness)}
                {!r.complete ? <span className="ml-1 text-sm text-orange-800">未完成</span> : null}
              </td>
              <td className="px-3 py-2">
                <FinalBadge final={r.final} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
