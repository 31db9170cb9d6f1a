"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/login" })}
      className="rounded-md border border-white/40 px-3 py-1.5 text-sm text-white hover:bg-brand-600"
    >
      退出
    </button>
  );
}
