// The latest monitoring records and 加重扣分, newest first.
import type { RecentFinding } from "@/lib/review/import";
import { formatTime } from "./ui";

export function RecentFindings({ rows }: { rows: RecentFinding[] }) {
  return (
    <section aria-labelledby="recent-title" className="space-y-2">
      <h2 id="recent-title" className="text-xl font-bold">
        最近录入
      </h2>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">还没有录入任何监测发现。</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  时间
                </th>
                <th scope="col" className="px-3 py-2">
                  单位
                </th>
                <th scope="col" className="px-3 py-2">
                  指标
                </th>
                <th scope="col" className="px-3 py-2">
                  内容
                </th>
                <th scope="col" className="px-3 py-2">
                  录入人
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-3 py-2">{formatTime(r.at)}</td>
                  <td className="px-3 py-2">{r.unitName}</td>
                  <td className="px-3 py-2">{r.itemName}</td>
                  <td className="px-3 py-2">{r.reason}</td>
                  <td className="px-3 py-2">{r.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
