import type { Metadata } from "next";
import "./globals.css";
import { AppHeader } from "@/components/shell/AppHeader";
import { PRODUCT_NAME } from "@/components/shell/nav-items";
import { currentUserOrNull } from "@/lib/auth/guard";

export const metadata: Metadata = {
  title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` },
  description: "电子政务绩效考核：指标体系、自评填报、审核与排名看板",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUserOrNull();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          跳到主要内容
        </a>
        <AppHeader user={user} />
        <main id="main" className="mx-auto max-w-7xl px-6 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
