import type { UnitComparison } from "@/lib/authoring/preview";

const GROUPS = { department: "市直部门", county: "县（市、区）" } as const;

/** Each unit's total and rank before and after, and the change. */
export function ComparisonTable({ rows, beforeLabel, afterLabel, caption }: { rows: UnitComparison[]; beforeLabel: string; afterLabel: string; caption: string }) {
  return (
    <div className="max-w-full overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left">
        <caption className="mb-1 text-left font-medium">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th className="p-2">单位</th>
            <th className="p-2">分组</th>
            <th className="p-2 text-right">{beforeLabel}得分</th>
            <th className="p-2 text-right">{beforeLabel}排名</th>
            <th className="p-2 text-right">{afterLabel}得分</th>
            <th className="p-2 text-right">{afterLabel}排名</th>
            <th className="p-2 text-right">得分变化</th>
            <th className="p-2 text-right">名次变化</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unit} className="border-t border-slate-200" data-unit={r.unit}>
              <td className="p-2">{r.name}</td>
              <td className="p-2">{GROUPS[r.group]}</td>
              <td className="p-2 text-right">{r.before?.score ?? "—"}</td>
              <td className="p-2 text-right">{r.before?.rank ?? "—"}</td>
              <td className="p-2 text-right">{r.after?.score ?? "—"}</td>
              <td className="p-2 text-right">{r.after?.rank ?? "—"}</td>
              <td className="p-2 text-right">{r.delta ?? "—"}</td>
              <td className="p-2 text-right">{r.rankChange === null ? "—" : r.rankChange > 0 ? `上升 ${r.rankChange}` : r.rankChange < 0 ? `下降 ${-r.rankChange}` : "不变"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
