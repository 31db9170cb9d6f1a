// 用户管理 list: the search form (a plain GET form: works without JavaScript and keeps the
// query in the address), the table, and the pager.
import Link from "next/link";
import { UNIT_GROUP_LABELS, UNIT_GROUPS } from "@/lib/admin/constants";
import type { TUserListQuery } from "@/lib/admin/schemas";
import type { TAdminUser } from "@/lib/admin/users";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { inputClass, primaryButton, secondaryButton } from "./fields";
import type { UnitOption } from "./UserForm";

export function UserSearchForm({ query, units }: { query: TUserListQuery; units: UnitOption[] }) {
  return (
    <form method="get" action="/admin/users" role="search" aria-label="搜索用户" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-[2fr_1.5fr_1fr_1fr_auto]">
      <div>
        <label htmlFor="user-q" className="block font-medium">
          关键词
        </label>
        <input id="user-q" name="q" type="search" defaultValue={query.q} placeholder="用户名、姓名或单位" className={inputClass} />
      </div>
      <div>
        <label htmlFor="user-unit" className="block font-medium">
          单位
        </label>
        <select id="user-unit" name="unit" defaultValue={query.unit} className={inputClass}>
          <option value="">全部单位</option>
          {UNIT_GROUPS.map((g) => (
            <optgroup key={g} label={UNIT_GROUP_LABELS[g]}>
              {units
                .filter((u) => u.group === g)
                .map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                    {u.active ? "" : "（已停用）"}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="user-role" className="block font-medium">
          角色
        </label>
        <select id="user-role" name="role" defaultValue={query.role} className={inputClass}>
          <option value="">全部角色</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="user-status" className="block font-medium">
          状态
        </label>
        <select id="user-status" name="status" defaultValue={query.status} className={inputClass}>
          <option value="">全部</option>
          <option value="active">正常</option>
          <option value="disabled">已停用</option>
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className={primaryButton}>
          搜索
        </button>
        <Link href="/admin/users" className={secondaryButton}>
          清除
        </Link>
      </div>
    </form>
  );
}

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

function StatusBadge({ user }: { user: TAdminUser }) {
  if (user.disabled) return <span className="rounded bg-slate-200 px-2 py-0.5 text-sm text-slate-700">已停用</span>;
  if (user.mustChangePassword) return <span className="rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">待修改初始密码</span>;
  return <span className="rounded bg-green-100 px-2 py-0.5 text-sm text-green-900">正常</span>;
}

export function UserTable({ users, total }: { users: TAdminUser[]; total: number }) {
  if (users.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        <p className="text-lg">没有符合条件的用户</p>
        <p className="mt-2">请修改搜索条件，或新建用户。</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left">
        <caption className="sr-only">用户列表，共 {total} 个</caption>
        <thead className="bg-slate-100 text-sm text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">
              用户名
            </th>
            <th scope="col" className="px-4 py-2">
              姓名
            </th>
            <th scope="col" className="px-4 py-2">
              角色
            </th>
            <th scope="col" className="px-4 py-2">
              单位
            </th>
            <th scope="col" className="px-4 py-2">
              状态
            </th>
            <th scope="col" className="px-4 py-2">
              最近登录
            </th>
            <th scope="col" className="px-4 py-2">
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={`border-t border-slate-200 ${u.disabled ? "text-slate-500" : ""}`}>
              <td className="px-4 py-2">
                <code>{u.username}</code>
              </td>
              <td className="px-4 py-2">{u.displayName}</td>
              <td className="px-4 py-2">{u.roles.map((r) => ROLE_LABELS[r]).join("、")}</td>
              <td className="px-4 py-2">{u.unitName ?? "—"}</td>
              <td className="px-4 py-2">
                <StatusBadge user={u} />
              </td>
              <td className="px-4 py-2 text-sm">{u.lastLoginAt ? dateTime.format(u.lastLoginAt) : "从未登录"}</td>
              <td className="px-4 py-2 text-right">
                <Link href={`/admin/users/${u.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  管理<span className="sr-only">用户 {u.username}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pager({ query, page, pages, total }: { query: TUserListQuery; page: number; pages: number; total: number }) {
  const href = (p: number) => {
    const sp = new URLSearchParams();
    if (query.q) sp.set("q", query.q);
    if (query.unit) sp.set("unit", query.unit);
    if (query.role) sp.set("role", query.role);
    if (query.status) sp.set("status", query.status);
    if (p > 1) sp.set("page", String(p));
    const s = sp.toString();
    return s ? `/admin/users?${s}` : "/admin/users";
  };
  return (
    <nav aria-label="分页" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-slate-700">
      <p>
        共 {total} 个用户，第 {page} / {pages} 页
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={secondaryButton} rel="prev">
            上一页
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={href(page + 1)} className={secondaryButton} rel="next">
            下一页
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
