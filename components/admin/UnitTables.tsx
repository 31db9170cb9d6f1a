// 单位管理 list: one table per group (市直部门 / 县（市、区） / 全市).
import Link from "next/link";
import type { TAdminUnit } from "@/lib/admin/units";

export function UnitTables({ groups, year }: { groups: { group: string; label: string; units: TAdminUnit[] }[]; year: number | null }) {
  return (
    <div className="space-y-8">
      {groups.map(({ group, label, units }) => (
        <section key={group} aria-labelledby={`units-${group}`}>
          <h2 id={`units-${group}`} className="mb-2 text-xl font-bold">
            {label}
            <span className="ml-2 text-base font-normal text-slate-600">（{units.length} 个）</span>
          </h2>
          {units.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-600">该分组还没有单位</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left">
                <thead className="bg-slate-100 text-sm text-slate-700">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      名称
                    </th>
                    <th scope="col" className="px-4 py-2">
                      代码
                    </th>
                    <th scope="col" className="px-4 py-2">
                      别名
                    </th>
                    <th scope="col" className="px-4 py-2">
                      用户数
                    </th>
                    <th scope="col" className="px-4 py-2">
                      状态
                    </th>
                    <th scope="col" className="px-4 py-2">
                      <span className="sr-only">操作</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {units.map((u) => (
                    <tr key={u.code} className={`border-t border-slate-200 ${u.active ? "" : "text-slate-500"}`}>
                      <td className="px-4 py-2 font-medium">{u.name}</td>
                      <td className="px-4 py-2">
                        <code>{u.code}</code>
                      </td>
                      <td className="px-4 py-2 text-sm">{u.aliases.join("、") || "—"}</td>
                      <td className="px-4 py-2">{u.userCount}</td>
                      <td className="px-4 py-2">
                        {u.active ? (
                          <span className="rounded bg-green-100 px-2 py-0.5 text-sm text-green-900">启用</span>
                        ) : (
                          <span className="rounded bg-slate-200 px-2 py-0.5 text-sm text-slate-700">已停用</span>
                        )}
                        {!u.inEdition && year !== null ? (
                          <span className="mt-1 block w-fit rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900" title="需在指标中分配责任后才能填报和参加排名">
                            不在{year}年度考核范围
                          </span>
                        ) : null}
                      </td>
                      <td className="px-4 py-2 text-right">
                        <Link href={`/admin/units/${u.code}`} className="text-brand-700 underline-offset-2 hover:underline">
                          管理<span className="sr-only">单位 {u.name}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });

export function UnitRenameHistory({ history }: { history: { oldName: string; newName: string; changedAt: Date; changedBy: string | null; reason: string | null }[] }) {
  if (history.length === 0) return <p className="text-slate-600">没有更名记录</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left">
        <caption className="sr-only">更名记录</caption>
        <thead className="bg-slate-100 text-sm text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">
              时间
            </th>
            <th scope="col" className="px-4 py-2">
              原名称
            </th>
            <th scope="col" className="px-4 py-2">
              新名称
            </th>
            <th scope="col" className="px-4 py-2">
              操作人
            </th>
            <th scope="col" className="px-4 py-2">
              原因
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((h, i) => (
            <tr key={i} className="border-t border-slate-200">
              <td className="px-4 py-2 text-sm">{dateTime.format(h.changedAt)}</td>
              <td className="px-4 py-2">{h.oldName}</td>
              <td className="px-4 py-2">{h.newName}</td>
              <td className="px-4 py-2">{h.changedBy ?? "—"}</td>
              <td className="px-4 py-2">{h.reason ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
