import Link from "next/link";

const TABS = [
  { key: "queue", href: "/review", label: "审核队列" },
  { key: "monitoring", href: "/review/monitoring", label: "监测录入" },
  { key: "remind", href: "/review/remind", label: "催报" },
  { key: "finalise", href: "/review/finalise", label: "定稿" },
  { key: "appeals", href: "/review/appeals", label: "结果公布与申诉" },
  { key: "documents", href: "/documents", label: "公文" },
  { key: "audit", href: "/audit", label: "审计日志" },
] as const;

/** The review section's own tabs (the main navigation has one entry for 审核). */
export function ReviewNav({ current }: { current: (typeof TABS)[number]["key"] | null }) {
  return (
    <nav aria-label="审核功能" className="mb-6 border-b border-slate-200">
      <ul className="flex flex-wrap gap-1">
        {TABS.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={current === t.key ? "page" : undefined}
              className={`-mb-px block border-b-2 px-4 py-2 font-medium ${current === t.key ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-brand-700"}`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
