"use client";
// The ranking as a table: rank, score, self score and the difference, completeness and
// status. Column headers are buttons (keyboard: Tab + Enter/Space) that sort the rows;
// aria-sort says how. Sorting only reorders: ranks are the engine's. The rows come as
// compact tuples (./rank-rows.ts), shared with the ranking chart.
import Link from "next/link";
import { useMemo, useState } from "react";
import { rankRow, type TRankRow } from "./rank-rows";
import "./tables.css";

type Key = "rank" | "name" | "score" | "self" | "diff" | "completeness";
type Dir = "ascending" | "descending";

export const SELF_HINT = "自评得分：只算单位自己填报了数据的项目，按这些项目的满分折算百分制；由审核员直接评分的项目（单位不填）不计入。";
export const DIFF_HINT = "差值 = 同一批项目（单位自评过的项目）审核后的折算分 − 自评得分。正数表示审核调高，负数表示调低；只由审核员评分的项目不计入，因此差值不等于“得分 − 自评得分”。";

const COLUMNS: { key: Key; label: string; numeric: boolean; firstDir: Dir; hint?: string }[] = [
  { key: "rank", label: "排名", numeric: true, firstDir: "ascending" },
  { key: "name", label: "单位", numeric: false, firstDir: "ascending" },
  { key: "score", label: "得分（审核后）", numeric: true, firstDir: "descending" },
  { key: "self", label: "自评得分", numeric: true, firstDir: "descending", hint: SELF_HINT },
  { key: "diff", label: "差值", numeric: true, firstDir: "ascending", hint: DIFF_HINT },
  { key: "completeness", label: "完成度", numeric: true, firstDir: "ascending" },
];

type TRankTableRow = ReturnType<typeof rankRow>;

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
      return r.sort.completeness;
  }
}

export function RankingTable({ rows: compact, edition, scopeName, groupLabel }: { rows: TRankRow[]; edition?: number; scopeName: string; groupLabel: string }) {
  const [sort, setSort] = useState<{ key: Key; dir: Dir }>({ key: "rank", dir: "ascending" });
  const rows = useMemo(() => compact.map((r) => rankRow(r, edition)), [compact, edition]);
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
      <table data-testid="ranking-table" className="rank-table w-full border-collapse text-base">
        <caption className="sr-only">
          {`${groupLabel}·${scopeName}排名（可按列排序）`}
        </caption>
        <thead>
          <tr className="bg-slate-100 text-left">
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" title={c.hint} aria-sort={sort.key === c.key ? sort.dir : "none"}>
                <button type="button" onClick={() => toggle(c.key)} aria-describedby={c.hint ? `rank-hint-${c.key}` : undefined} className="inline-flex items-center gap-1 rounded hover:text-brand-700">
                  {c.label}
                  <span aria-hidden="true" className="text-xs text-slate-500">
                    {sort.key === c.key ? (sort.dir === "ascending" ? "▲" : "▼") : "↕"}
                  </span>
                </button>
                {c.hint ? (
                  <span id={`rank-hint-${c.key}`} hidden>
                    {c.hint}
                  </span>
                ) : null}
              </th>
            ))}
            <th scope="col">状态</th>
          </tr>
        </thead>
        {/* one row per unit, values only: column styles are ./tables.css rules on the table */}
        <tbody>
          {sorted.map((r) => (
            <tr key={r.unit} data-unit={r.unit}>
              <td>{r.rank}</td>
              <td>
                {/* no prefetch: a viewport of rows would otherwise start a server render of each unit's 记分卡 */}
                <Link href={r.href} prefetch={false}>
                  {r.name}
                </Link>
                {r.vetoed ? <span className="sv">否决</span> : null}
              </td>
              <td>
                {r.score}
                {r.postPenalty ? <small title="审核员录入的加重扣分，在折算为百分制之后扣除">{`含加重扣分 −${r.postPenalty}`}</small> : null}
              </td>
              <td>{r.self}</td>
              <td className={r.diffSign < 0 ? "dn" : r.diffSign > 0 ? "dp" : undefined}>{r.diff}</td>
              <td>
                {r.completeness}
                {!r.complete ? <small>未完成</small> : null}
              </td>
              <td>{r.final ? <span className="sf">定稿</span> : <span className="sp">暂定</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
