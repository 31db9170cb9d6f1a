"use client";
import Link from "next/link";

// Never shows the exception text: only a plain message and a reference the log has.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="py-16 text-center">
      <h1 className="text-2xl font-bold">页面出错了</h1>
      <p className="mt-3 text-slate-600">系统暂时无法完成请求，可能是数据库暂不可用。请稍后重试；已保存的数据不会丢失。</p>
      {error.digest ? <p className="mt-2 text-sm text-slate-500">错误编号：{error.digest}</p> : null}
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={() => reset()} className="rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-600">
          重试
        </button>
        <Link href="/" className="rounded-md border border-slate-300 px-5 py-2 hover:bg-slate-100">
          返回首页
        </Link>
      </div>
    </section>
  );
}
