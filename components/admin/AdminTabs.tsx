import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { can, type Action } from "@/lib/auth/permissions";

/** Every page of 管理, each shown to the roles whose permissions allow it. */
export const ADMIN_TABS = [
  { key: "home", href: "/admin", label: "管理首页", action: "admin:users" },
  { key: "users", href: "/admin/users", label: "用户管理", action: "admin:users" },
  { key: "units", href: "/admin/units", label: "单位管理", action: "admin:units" },
  { key: "periods", href: "/admin/periods", label: "填报期限", action: "admin:editions" },
  { key: "calendar", href: "/admin/calendar", label: "节假日日历", action: "admin:editions" },
  { key: "reopen", href: "/review/reopen", label: "重新开放定稿", action: "admin:editions" },
] as const satisfies readonly { key: string; href: string; label: string; action: Action }[];

export type AdminTab = (typeof ADMIN_TABS)[number]["key"];

export function AdminTabs({ current, user }: { current: AdminTab; user?: Pick<SessionUser, "roles"> }) {
  const tabs = user ? ADMIN_TABS.filter((t) => can(user.roles, t.action)) : ADMIN_TABS;
  return (
    <nav aria-label="管理" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={t.key === current ? "page" : undefined}
              className={`block border-b-2 px-4 py-2 font-medium ${
                t.key === current ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
