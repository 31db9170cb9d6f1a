"use client";
// 口径敏感性 chart (recharts): per alternative reading option, how many units' total and
// rank would change.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function ReadingChart({ data }: { data: { label: string; totals: number; ranks: number }[] }) {
  return (
    <div className="h-80 w-full rounded-lg bg-white p-2" role="img" aria-label="各口径备选方案下总分或排名变化的单位数">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: 8, right: 8, bottom: 40 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" angle={-30} textAnchor="end" interval={0} height={70} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Bar dataKey="totals" name="总分变化的单位数" fill="#2563eb" isAnimationActive={false} />
          <Bar dataKey="ranks" name="排名变化的单位数" fill="#dc2626" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
