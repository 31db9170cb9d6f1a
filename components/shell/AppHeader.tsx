import Link from "next/link";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { MainNav } from "./MainNav";
import { navFor, PRODUCT_NAME } from "./nav-items";
import { SignOutButton } from "./SignOutButton";

export function AppHeader({ user, unread = 0 }: { user: SessionUser | null; unread?: number }) {
  // until the initial password is changed every page leads to the change form: no menu to click
  const items = user && !user.mustChangePassword ? navFor(user.roles).map(({ href, label }) => ({ href, label })) : [];
  return (
    <header className="no-print bg-brand-700 text-white shadow">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-3">
        <Link href="/" className="text-xl font-bold tracking-wide">
          {PRODUCT_NAME}
        </Link>
        {items.length ? <MainNav items={items} /> : null}
        <div className="flex items-center gap-3 text-sm">
          {user ? (
            <>
              <span data-testid="current-user">
                {user.displayName}
                <span className="ml-1 text-white/80">
                  （{user.roles.map((r) => ROLE_LABELS[r]).join("、")}
                  {user.unitName ? ` · ${user.unitName}` : ""}）
                </span>
              </span>
              {!user.mustChangePassword ? (
                <Link href="/messages" className="underline-offset-2 hover:underline" data-testid="header-messages" aria-label={unread > 0 ? `消息中心，${unread} 条未读` : "消息中心，没有未读消息"}>
                  消息
                  {unread > 0 ? (
                    <span className="ml-1 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-bold tabular-nums" data-testid="unread-count">
                      {unread > 99 ? "99+" : unread}
                    </span>
                  ) : null}
                </Link>
              ) : null}
              <Link href="/account/password" className="underline-offset-2 hover:underline">
                修改密码
              </Link>
              <SignOutButton />
            </>
          ) : (
            <Link href="/login" className="rounded-md bg-white px-4 py-1.5 font-medium text-brand-800 hover:bg-brand-50">
              登录
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
