"use client";
// The dashboard's charts (recharts). Values and labels come from the server's view model
// (the engine's numbers); these components only draw them. Each is wrapped by ChartFigure,
// which gives the title, units and the accessible data table.
import { useRouter } from "next/navigation";
import { cloneElement, useEffect, useMemo, useState, type ReactElement } from "react";
import { flushSync } from "react-dom";
import { rankRow, type TRankRow } from "./rank-rows";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export const COLORS = { reviewed: "#1d4f91", self: "#94a3b8", average: "#d97706", lost: "#b91c1c", none: "#cbd5e1", draft: "#fbbf24", submitted: "#60a5fa", reviewedDone: "#15803d" };

const axisTick = { fontSize: 13, fill: "#334155" };
/** Legend labels in body text colour (the series colour is in the swatch). */
const legendText = (value: string) => <span style={{ color: "#1e293b" }}>{value}</span>;

/** Chart width on paper: A4's printable 186 mm (703 px) less the figure's padding and border. */
export const PRINT_CHART_WIDTH = 660;

/**
 * True while the browser prints. Chromium fires beforeprint and then lays the page out at
 * the paper's width at once, before a ResizeObserver could report the new size, so the
 * charts re-render synchronously (flushSync) at the print width and back after printing.
 */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return printing;
}

/** The box a chart draws in: the container's width on screen, a fixed width on paper. */
function ChartBox({ testId, height, children }: { testId: string; height: number; children: ReactElement<{ width?: number; height?: number }> }) {
  const printing = usePrinting();
  return (
    <div data-testid={testId} className="chart-box" style={{ width: "100%", height }}>
      {printing ? (
        cloneElement(children, { width: PRINT_CHART_WIDTH, height })
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      )}
    </div>
  );
}

type TooltipRow = { label: string; value: string };
function TooltipBox({ title, rows, hint }: { title: string; rows: TooltipRow[]; hint?: string }) {
  return (
    <div className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-lg">
      <p className="font-semibold text-slate-900">{title}</p>
      {rows.map((r) => (
        <p key={r.label} className="text-slate-700">
          {r.label}：<span className="font-medium text-slate-900">{r.value}</span>
        </p>
      ))}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

type Payload<T> = { active?: boolean; payload?: readonly { payload?: T }[] };
function datum<T>(p: Payload<T>): T | undefined {
  return p.active ? p.payload?.[0]?.payload : undefined;
}

// ---- Ranking ------------------------------------------------------------------------------

export type TRankBar = { unit: string; label: string; rank: number; score: number; scoreLabel: string; self: number | null; selfLabel: string; diffLabel: string; href: string; final: boolean };

/** The bars, from the same compact rows as the ranking table (./rank-rows.ts). */
export function RankingBarChart({ rows, edition, scopeName }: { rows: TRankRow[]; edition?: number; scopeName: string }) {
  const router = useRouter();
  const data: TRankBar[] = useMemo(
    () =>
      rows.map((c) => {
        const r = rankRow(c, edition);
        return { unit: r.unit, label: `${r.rank}. ${r.name}`, rank: r.rank, score: r.sort.score, scoreLabel: r.score, self: r.sort.self, selfLabel: r.self, diffLabel: r.diff, href: r.href, final: r.final };
      }),
    [rows, edition],
  );
  const height = Math.max(180, data.length * 30 + 70);
  const open = (entry: { payload?: TRankBar }) => {
    if (entry.payload?.href) router.push(entry.payload.href);
  };
  return (
    <ChartBox testId="ranking-chart" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }} barCategoryGap={6} barGap={1} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, (max: number) => Math.max(100, Math.ceil(max / 10) * 10)]} tick={axisTick} unit="分" />
          <YAxis type="category" dataKey="label" width={190} tick={axisTick} interval={0} />
          <Tooltip
            cursor={{ fill: "#eef4fb" }}
            content={(p: Payload<TRankBar>) => {
              const d = datum(p);
              return d ? (
                <TooltipBox
                  title={`第 ${d.rank} 名 · ${d.label.replace(/^\d+\.\s*/, "")}`}
                  rows={[
                    { label: `${scopeName}（审核后）`, value: `${d.scoreLabel} 分` },
                    { label: "自评得分", value: `${d.selfLabel} 分` },
                    { label: "差值", value: d.diffLabel },
                    { label: "状态", value: d.final ? "定稿" : "暂定" },
                  ]}
                  hint="点击查看记分卡"
                />
              ) : null;
            }}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} itemSorter={null} />
          <Bar dataKey="score" name="得分（审核后）" fill={COLORS.reviewed} cursor="pointer" onClick={open} isAnimationActive={false} />
          <Bar dataKey="self" name="自评得分" fill={COLORS.self} cursor="pointer" onClick={open} isAnimationActive={false} />
        </BarChart>
    </ChartBox>
  );
}

// ---- Distribution -------------------------------------------------------------------------

export type TBinBar = { label: string; count: number; units: string };

export function DistributionChart({ data }: { data: TBinBar[] }) {
  return (
    <ChartBox testId="distribution-chart" height={280}>
        <BarChart data={data} margin={{ top: 4, right: 16, bottom: 24, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={axisTick} label={{ value: "得分区间（分）", position: "insideBottom", offset: -14, fill: "#334155", fontSize: 13 }} />
          <YAxis allowDecimals={false} tick={axisTick} width={40} label={{ value: "单位数", angle: -90, position: "insideLeft", fill: "#334155", fontSize: 13 }} />
          <Tooltip
            cursor={{ fill: "#eef4fb" }}
            content={(p: Payload<TBinBar>) => {
              const d = datum(p);
              return d ? <TooltipBox title={`${d.label} 分`} rows={[{ label: "单位数", value: `${d.count} 个` }, { label: "单位", value: d.units || "—" }]} /> : null;
            }}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} itemSorter={null} />
          <Bar dataKey="count" name="单位数（个）" fill={COLORS.reviewed} isAnimationActive={false} />
        </BarChart>
    </ChartBox>
  );
}

// ---- 失分最多的指标 ----------------------------------------------------------------------------

export type TLostBar = { code: string; label: string; path: string; lost: number; lostLabel: string; averageLabel: string; losing: number; units: number; maxLabel: string };

export function LostPointsChart({ data }: { data: TLostBar[] }) {
  const router = useRouter();
  return (
    <ChartBox testId="lost-chart" height={Math.max(160, data.length * 32 + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" tick={axisTick} unit="分" />
          <YAxis type="category" dataKey="label" width={170} tick={axisTick} interval={0} />
          <Tooltip
            cursor={{ fill: "#fef2f2" }}
            content={(p: Payload<TLostBar>) => {
              const d = datum(p);
              return d ? (
                <TooltipBox
                  title={d.path}
                  rows={[
                    { label: "失分合计", value: `${d.lostLabel} 分` },
                    { label: "失分单位", value: `${d.losing}/${d.units} 个` },
                    { label: "平均每单位", value: `${d.averageLabel} 分（满分 ${d.maxLabel}）` },
                  ]}
                  hint="点击查看指标说明"
                />
              ) : null;
            }}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} itemSorter={null} />
          <Bar
            dataKey="lost"
            name="各单位失分合计（分）"
            fill={COLORS.lost}
            cursor="pointer"
            isAnimationActive={false}
            onClick={(e: { payload?: TLostBar }) => {
              if (e.payload) router.push(`/indicators#${encodeURIComponent(e.payload.code)}`);
            }}
          />
        </BarChart>
    </ChartBox>
  );
}

// ---- Submission and review progress --------------------------------------------------------

export type TProgressBar = { label: string; none: number; draft: number; submitted: number; reviewed: number };

export function ProgressChart({ data, labels }: { data: TProgressBar[]; labels: Record<"none" | "draft" | "submitted" | "reviewed", string> }) {
  const series = [
    { key: "reviewed", color: COLORS.reviewedDone },
    { key: "submitted", color: COLORS.submitted },
    { key: "draft", color: COLORS.draft },
    { key: "none", color: COLORS.none },
  ] as const;
  return (
    <ChartBox testId="progress-chart" height={Math.max(150, data.length * 56 + 70)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={axisTick} unit="个" />
          <YAxis type="category" dataKey="label" width={110} tick={axisTick} />
          <Tooltip
            cursor={{ fill: "#eef4fb" }}
            content={(p: Payload<TProgressBar>) => {
              const d = datum(p);
              return d ? <TooltipBox title={d.label} rows={series.map((s) => ({ label: labels[s.key], value: `${d[s.key]} 个` }))} /> : null;
            }}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} itemSorter={null} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={labels[s.key]} stackId="status" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
    </ChartBox>
  );
}

// ---- A unit's 一级 indicators against its group ----------------------------------------------

export type TCategoryBar = { code: string; label: string; part: string; score: number | null; scoreLabel: string; average: number | null; averageLabel: string; maxLabel: string; groupUnits: number };

export function CategoryChart({ data, unitName, groupLabel }: { data: TCategoryBar[]; unitName: string; groupLabel: string }) {
  return (
    <ChartBox testId="category-chart" height={data.length > 4 ? 330 : 300}>
        <BarChart data={data} margin={{ top: 4, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          {/* many 一级 names side by side (a department's 7): slanted so they never overlap */}
          <XAxis dataKey="label" tick={{ ...axisTick, fontSize: 12 }} interval={0} height={data.length > 4 ? 70 : 36} angle={data.length > 4 ? -25 : 0} textAnchor={data.length > 4 ? "end" : "middle"} />
          <YAxis tick={axisTick} width={44} unit="分" />
          <Tooltip
            cursor={{ fill: "#eef4fb" }}
            content={(p: Payload<TCategoryBar>) => {
              const d = datum(p);
              return d ? (
                <TooltipBox
                  title={`${d.part} · ${d.label}（本单位可得满分 ${d.maxLabel}）`}
                  rows={[
                    { label: unitName, value: `${d.scoreLabel} 分` },
                    { label: `${groupLabel}平均（${d.groupUnits} 个单位）`, value: `${d.averageLabel} 分` },
                  ]}
                />
              ) : null;
            }}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} itemSorter={null} />
          <Bar dataKey="score" name={`${unitName}得分`} fill={COLORS.reviewed} isAnimationActive={false} />
          <Bar dataKey="average" name={`${groupLabel}平均`} fill={COLORS.average} isAnimationActive={false} />
        </BarChart>
    </ChartBox>
  );
}
