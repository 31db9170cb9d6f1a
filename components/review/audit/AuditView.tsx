// The audit trail: filters (unit, item, action, date range) in the URL, a readable
// before → after per change, paging, and an xlsx export of the same filter.
import Link from "next/link";
import type { AuditRowView, TAuditQuery } from "@/lib/audit-view/query";
import { formatTime, inputClass, linkClass, primaryButton, secondaryButton } from "../ui";

type Options = { units: { code: string; name: string }[]; items: { code: string; name: string }[]; groups: { key: string; label: string }[] };

function qs(q: TAuditQuery, patch: Partial<TAuditQuery> = {}): string {
  const next = { ...q, ...patch };
  const p = new URLSearchParams();
  if (next.unit) p.set("unit", next.unit);
  if (next.item) p.set("item", next.item);
  if (next.action) p.set("action", next.action);
  if (next.from) p.set("from", next.from);
  if (next.to) p.set("to", next.to);
  if (next.order !== "desc") p.set("order", next.order);
  if (next.page > 1) p.set("page", String(next.page));
  return p.toString();
}

export function AuditView({ query, options, rows, total, page, pages, adminLink }: { query: TAuditQuery; options: Options; rows: AuditRowView[]; total: number; page: number; pages: number; adminLink: boolean }) {
  const filtered = Boolean(query.unit || query.item || query.action || query.from || query.to);
  const exportQs = qs({ ...query, page: 1 });
  return (
    <div className="space-y-5">
      <form method="get" action="/audit" role="search" aria-label="筛选审计日志" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
        <div>
          <label htmlFor="a-unit" className="block font-medium">
            单位
          </label>
          <select id="a-unit" name="unit" defaultValue={query.unit} className={inputClass}>
            <option value="">全部</option>
            {options.units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="lg:col-span-2">
          <label htmlFor="a-item" className="block font-medium">
            指标
          </label>
          <select id="a-item" name="item" defaultValue={query.item} className={inputClass}>
            <option value="">全部</option>
            {options.items.map((i) => (
              <option key={i.code} value={i.code}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-action" className="block font-medium">
            操作
          </label>
          <select id="a-action" name="action" defaultValue={query.action} className={inputClass}>
            <option value="">全部</option>
            {options.groups.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-from" className="block font-medium">
            起始日期
          </label>
          <input id="a-from" name="from" type="date" defaultValue={query.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="a-to" className="block font-medium">
            截止日期
          </label>
          <input id="a-to" name="to" type="date" defaultValue={query.to} className={inputClass} />
        </div>
        <div>
          <label htmlFor="a-order" className="block font-medium">
            顺序
          </label>
          <select id="a-order" name="order" defaultValue={query.order} className={inputClass}>
            <option value="desc">最新的在前</option>
            <option value="asc">按发生顺序</option>
          </select>
        </div>
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-5">
          <button type="submit" className={primaryButton}>
            筛选
          </button>
          {filtered ? (
            <Link href="/audit" className={secondaryButton}>
              清除筛选
            </Link>
          ) : null}
          <a href={`/audit/export${exportQs ? `?${exportQs}` : ""}`} className={secondaryButton} download>
            导出 Excel
          </a>
          {adminLink ? (
            <Link href="/review/reopen" className={`${linkClass} ml-auto`}>
              重新开放定稿
            </Link>
          ) : null}
        </div>
      </form>

      <p className="text-slate-700" aria-live="polite">
        共 {total} 条记录{pages > 1 ? `，第 ${page} / ${pages} 页` : ""}。日志只能追加，不能修改或删除。
      </p>

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-slate-700" data-testid="audit-empty">
          {filtered ? "没有符合条件的记录。" : "还没有任何记录。"}
        </div>
      ) : (
        <ol className="space-y-3" data-testid="audit-rows">
          {rows.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="audit-row" data-action={r.action}>
              <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                <strong className="text-brand-800">{r.actionLabel}</strong>
                <span>{formatTime(r.at)}</span>
                <span>{r.actor}</span>
                {r.ip ? <span className="text-sm text-slate-600">IP {r.ip}</span> : null}
                {r.unitName ? (
                  <Link href={`/audit?${qs(query, { unit: r.unitCode ?? "", page: 1 })}`} className={linkClass}>
                    {r.unitName}
                  </Link>
                ) : null}
                {r.itemName ? (
                  <Link href={`/audit?${qs(query, { unit: r.unitCode ?? query.unit, item: r.itemCode ?? "", page: 1 })}`} className={linkClass}>
                    {r.itemName}
                  </Link>
                ) : null}
                <span className="ml-auto text-xs text-slate-500">
                  #{r.id} · {r.entity}
                </span>
              </div>
              {r.reason ? <p className="mt-1">理由：{r.reason}</p> : null}
              {r.changes.length ? (
                <table className="mt-2 w-full table-fixed text-left text-sm">
                  <caption className="sr-only">变更内容</caption>
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="w-32 pr-2 font-normal">
                        项目
                      </th>
                      <th scope="col" className="pr-2 font-normal">
                        修改前
                      </th>
                      <th scope="col" className="font-normal">
                        修改后
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.changes.map((c, i) => (
                      <tr key={i} className="border-t border-slate-100 align-top">
                        <th scope="row" className="pr-2 font-medium">
                          {c.label}
                        </th>
                        <td className="whitespace-pre-wrap break-words pr-2 text-red-900">
                          <span className="sr-only">修改前：</span>
                          {c.before}
                        </td>
                        <td className="whitespace-pre-wrap break-words text-green-900">
                          <span className="sr-only">修改后：</span>
                          {c.after}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {pages > 1 ? (
        <nav aria-label="分页" className="flex items-center gap-3">
          {page > 1 ? (
            <Link href={`/audit?${qs(query, { page: page - 1 })}`} className={secondaryButton}>
              上一页
            </Link>
          ) : null}
          <span>
            第 {page} / {pages} 页
          </span>
          {page < pages ? (
            <Link href={`/audit?${qs(query, { page: page + 1 })}`} className={secondaryButton}>
              下一页
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
