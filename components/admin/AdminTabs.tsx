import Link from "next/link";

const TABS = [
  { key: "home", href: "/admin", label: "管理首页" },
  { key: "users", href: "/admin/users", label: "用户管理" },
  { key: "units", href: "/admin/units", label: "单位管理" },
] as const;

export type AdminTab = (typeof TABS)[number]["key"];

export function AdminTabs({ current }: { current: AdminTab }) {
  return (
    <nav aria-label="管理" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {TABS.map((t) => (
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
