import type { Metadata } from "next";
import "./globals.css";
import { AppHeader } from "@/components/shell/AppHeader";
import { PRODUCT_NAME } from "@/components/shell/nav-items";
import { currentUserOrNull } from "@/lib/auth/guard";
import { headerUnread } from "@/lib/messages";

export const metadata: Metadata = {
  title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` },
  description: "电子政务绩效考核：指标体系、自评填报、审核与排名看板",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The shell must render even when the database is down: say so instead of crashing.
  let user: Awaited<ReturnType<typeof currentUserOrNull>> = null;
  let dbDown = false;
  let unread = 0;
  try {
    user = await currentUserOrNull();
    if (user && !user.mustChangePassword) unread = await headerUnread(user);
  } catch (e) {
    dbDown = true;
    console.error("[layout] 无法读取当前用户：", e instanceof Error ? e.message : e);
  }
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          跳到主要内容
        </a>
        <AppHeader user={user} unread={unread} />
        <main id="main" className="mx-auto max-w-7xl px-6 py-8">
          {dbDown ? (
            <div role="alert" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900">
              数据库暂时不可用，系统正在自动重连。已保存的数据不会丢失，请稍后刷新页面。
            </div>
          ) : null}
          {children}
        </main>
      </body>
    </html>
  );
}
