import Link from "next/link";

export default function NotFound() {
  return (
    <section className="py-16 text-center">
      <h1 className="text-2xl font-bold">页面不存在</h1>
      <p className="mt-3 text-slate-600">您访问的页面不存在或已被移除。</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-600">
        返回首页
      </Link>
    </section>
  );
}
