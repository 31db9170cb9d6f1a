import Link from "next/link";
import { redirect } from "next/navigation";
import { navFor, PRODUCT_NAME } from "@/components/shell/nav-items";
import { currentUserOrNull } from "@/lib/auth/guard";

export default async function HomePage() {
  const user = await currentUserOrNull();
  // a first sign-in (or a reset password) changes the password before anything else
  if (user?.mustChangePassword) redirect("/account/password");
  const items = user ? navFor(user.roles) : [];
  return (
    <section>
      <h1 className="text-3xl font-bold text-brand-800">{PRODUCT_NAME}</h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">
        依据年度电子政务绩效考核指标，完成自评上报、网上核查、现场检查、在线监测与结果排名的全过程管理。
      </p>
      {user ? (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow"
              >
                <span className="text-lg font-semibold text-brand-700">{item.label}</span>
                <span className="mt-2 block text-slate-600">{item.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6">
          <p className="text-slate-700">请使用单位分配的账号登录后使用。</p>
          <Link href="/login" className="mt-4 inline-block rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-600">
            登录
          </Link>
        </div>
      )}
    </section>
  );
}
