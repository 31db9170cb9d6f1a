"use client";
// The running header of a printed report (记分卡, 排名看板): what it is, the edition and when it
// was printed, on every page. Chromium (131+) draws CSS @page margin boxes: app/globals.css
// puts var(--print-header) at the top left of every page and "第 x 页 / 共 y 页" at the bottom
// right; this component sets the variable and refreshes the time when printing starts.
// Browsers without margin boxes still get the line once, above the report (print only).
import { useEffect, useState } from "react";

function printTime(d = new Date()): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour === "24" ? "00" : p.hour}:${p.minute}`;
}

/** A CSS string literal. */
const cssString = (s: string) => `"${s.replace(/[\\"]/g, "\\$&").replace(/\n/g, " ")}"`;

export function PrintHeader({ title, edition }: { title: string; edition: string }) {
  const [time, setTime] = useState<string | null>(null);
  useEffect(() => {
    const root = document.documentElement;
    const set = () => {
      const t = printTime();
      setTime(t);
      root.style.setProperty("--print-header", cssString(`${title} · ${edition} · 打印时间 ${t}`));
    };
    set();
    window.addEventListener("beforeprint", set);
    return () => {
      window.removeEventListener("beforeprint", set);
      root.style.removeProperty("--print-header");
    };
  }, [title, edition]);
  return (
    <p className="print-only mb-2 text-xs text-slate-700" data-testid="print-header">
      {title} · {edition}
      {time ? ` · 打印时间 ${time}` : ""}
    </p>
  );
}
