"use client";
// A generated password, shown once. It lives only in this component's props: leaving the
// page loses it (the database has only the hash).
import { useState } from "react";
import { secondaryButton } from "./fields";

export function OneTimePassword({ username, password }: { username: string; password: string }) {
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("已复制到剪贴板");
    } catch {
      setCopied("无法自动复制，请手动选中密码复制");
    }
  }

  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-4" role="region" aria-label="初始密码">
      <p className="font-medium text-amber-900">初始密码只显示这一次，请立即告知用户“{username}”。用户首次登录后须修改密码。</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <span className="text-slate-700">用户名：</span>
        <code className="rounded bg-white px-2 py-1 text-lg">{username}</code>
        <span className="text-slate-700">初始密码：</span>
        <code data-testid="one-time-password" className="select-all rounded bg-white px-2 py-1 font-mono text-lg tracking-wider">
          {password}
        </code>
        <button type="button" onClick={() => void copy()} className={secondaryButton}>
          复制密码
        </button>
      </div>
      <p aria-live="polite" className="mt-2 min-h-5 text-sm text-slate-700">
        {copied}
      </p>
    </div>
  );
}
