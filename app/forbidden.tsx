import Link from "next/link";

export default function Forbidden() {
  return (
    <section role="alert" className="py-16 text-center">
      <h1 className="text-2xl font-bold">无权访问</h1>
      <p className="mt-3 text-slate-600">您的账号没有访问该页面或该单位数据的权限。如需开通，请联系管理员。</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-600">
        返回首页
      </Link>
    </section>
  );
}
