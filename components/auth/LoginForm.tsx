"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { safeCallbackPath } from "@/lib/auth/callback-url";

/** The server's message when it is one of ours (Chinese, no raw error text), else a generic one. */
function shownError(error: string | null | undefined): string {
  if (!error || error === "CredentialsSignin") return "用户名或密码错误";
  return /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9 ，。：；、！？（）]+$/.test(error) ? error : "登录暂时无法完成，请稍后再试";
}

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("请输入用户名和密码");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { username, password, redirect: false });
      if (!res || res.error) {
        setError(shownError(res?.error));
        return;
      }
      router.replace(safeCallbackPath(callbackUrl, window.location.origin));
      router.refresh();
    } catch {
      setError("网络连接失败，请检查网络后重试");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <label htmlFor="username" className="block font-medium">
          用户名
        </label>
        <input id="username" name="username" autoComplete="username" required autoFocus className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          密码
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <div aria-live="polite" className="min-h-6 text-red-700" role={error ? "alert" : undefined}>
        {error}
      </div>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-600 disabled:opacity-60">
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
