"use client";
// /self-assessment → the user's own unit. Done in the browser (router.replace) so the page
// itself answers 200 to an allowed 填报员; without JavaScript the link does the same.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function GoToUnit({ href, unitName }: { href: string; unitName: string }) {
  const router = useRouter();
  useEffect(() => {
    router.replace(href);
  }, [router, href]);
  return (
    <p className="rounded-lg border border-slate-200 bg-white p-8 text-lg text-slate-700">
      正在打开
      <Link href={href} className="mx-1 text-brand-700 underline">
        {unitName}的填报
      </Link>
      …
    </p>
  );
}
