"use client";
import { useEffect } from "react";

/** Open every <details> that holds the element a URL hash names (/indicators#p1.xxh.sjzx), then scroll to it. */
function revealHashTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  if (!target) return;
  for (let el: HTMLElement | null = target; el; el = el.parentElement) {
    if (el instanceof HTMLDetailsElement) el.open = true;
  }
  target.scrollIntoView({ block: "start" });
}

function setAll(open: boolean) {
  document.querySelectorAll<HTMLDetailsElement>("details[data-tree]").forEach((d) => {
    d.open = open;
  });
}

export function TreeControls() {
  useEffect(() => {
    revealHashTarget();
    window.addEventListener("hashchange", revealHashTarget);
    return () => window.removeEventListener("hashchange", revealHashTarget);
  }, []);
  const button = "rounded-md border border-slate-400 bg-white px-4 py-2 text-base font-medium text-slate-800 hover:bg-slate-100";
  return (
    <div className="flex gap-2" role="group" aria-label="展开或收起全部指标">
      <button type="button" className={button} onClick={() => setAll(true)}>
        全部展开
      </button>
      <button type="button" className={button} onClick={() => setAll(false)}>
        全部收起
      </button>
    </div>
  );
}
