"use client";
// 历年对比's line chart (recharts): the unit's overall score and its rank in its group, per
// year. Decoration: the table beside it holds the same numbers for every reader.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type THistoryPoint = { label: string; score: number | null; rank: number | null };

export function HistoryChart({ data, maxRank }: { data: THistoryPoint[]; maxRank: number }) {
  return (
    <div className="h-64 w-full" role="img" aria-label="历年总分与排名折线图（数据见下表）" data-testid="history-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 0, right: 4, top: 8, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#334155" }} />
          <YAxis yAxisId="score" width={36} tick={{ fontSize: 12, fill: "#334155" }} domain={[0, "auto"]} />
          <YAxis yAxisId="rank" orientation="right" width={28} reversed allowDecimals={false} domain={[1, Math.max(maxRank, 1)]} tick={{ fontSize: 12, fill: "#334155" }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Line yAxisId="score" dataKey="score" name="总分" stroke="#1d4f91" strokeWidth={2} connectNulls isAnimationActive={false} />
          <Line yAxisId="rank" dataKey="rank" name="组内排名" stroke="#d97706" strokeWidth={2} strokeDasharray="5 3" connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
