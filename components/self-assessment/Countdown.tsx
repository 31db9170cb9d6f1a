"use client";
// Live countdown to a deadline. The text depends on the clock, so it is rendered only in
// the browser (the server prints the deadline itself, in Beijing time, beside it).
import { useEffect, useState } from "react";

function remaining(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  return d > 0 ? `${d} 天 ${h} 小时 ${m} 分` : `${h} 小时 ${m} 分 ${sec} 秒`;
}

export function Countdown({ deadline }: { deadline: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const t = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, []);
  if (now === null) return <span data-testid="countdown" />;
  const left = new Date(deadline).getTime() - now;
  return (
    <span data-testid="countdown" className={left <= 0 ? "font-medium text-red-700" : left < 86_400_000 ? "font-medium text-amber-700" : "text-slate-700"}>
      {left <= 0 ? "已过截止时间" : `剩余 ${remaining(left)}`}
    </span>
  );
}
