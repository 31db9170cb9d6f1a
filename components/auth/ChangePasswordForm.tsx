"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { changePasswordAction } from "@/app/account/password/actions";

export function ChangePasswordForm({ rules, forced }: { rules: string; forced: boolean }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setPending(true);
    setMessage(null);
    try {
      const res = await changePasswordAction({ current: f.get("current"), next: f.get("next"), confirm: f.get("confirm") });
      if (res.ok) {
        setErrors({});
        setMessage("密码已修改");
        router.replace("/");
        router.refresh();
      } else {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        // a problem already shown beside its field is not repeated below the form
        setMessage(Object.values(fieldErrors).includes(res.error) ? null : res.error);
      }
    } catch {
      setMessage("网络连接失败，请重试");
    } finally {
      setPending(false);
    }
  }

  const field = (name: string, label: string, autoComplete: string) => (
    <div>
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
      />
      {errors[name] ? (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {forced ? <p className="rounded-md bg-amber-50 p-3 text-amber-900">首次登录或密码已被管理员重置，请先修改密码。</p> : null}
      {field("current", "当前密码", "current-password")}
      {field("next", "新密码", "new-password")}
      <p className="text-sm text-slate-600">密码要求：{rules}</p>
      {field("confirm", "确认新密码", "new-password")}
      <div aria-live="polite" className="min-h-6 text-red-700">
        {message}
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-600 disabled:opacity-60">
        {pending ? "正在保存…" : "修改密码"}
      </button>
    </form>
  );
}
