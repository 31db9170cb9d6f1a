"use client";
// 节假日日历 (admin): each year the office has entered or will need, whether the built-in
// calendar covers it, and a textarea to paste that year's 放假安排 (one line per day or range).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { saveCalendarYearAction } from "@/app/admin/calendar/actions";
import { inputClass, primaryButton } from "@/components/self-assessment/ui";
import type { CalendarYearView } from "@/lib/calendar/store";

type Status = { tone: "ok" | "error"; text: string } | null;

export function CalendarAdmin({ years }: { years: CalendarYearView[] }) {
  return (
    <div className="space-y-8">
      <p>
        <Link href="/admin" className="text-brand-700 underline-offset-2 hover:underline">
          ← 返回管理
        </Link>
      </p>
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left text-lg font-semibold">各年度日历来源</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th className="py-2 pr-4">年度</th>
            <th className="py-2 pr-4">内置日历</th>
            <th className="py-2 pr-4">本系统录入</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year} className="border-b border-slate-200">
              <td className="py-2 pr-4">{y.year}</td>
              <td className="py-2 pr-4">{y.libraryCovers ? "已收录" : "未收录"}</td>
              <td className="py-2 pr-4">{y.holidays + y.workdays > 0 ? `放假 ${y.holidays} 天，调休上班 ${y.workdays} 天` : y.libraryCovers ? "—" : "未录入：该年的工作日期限无法计算"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <YearForm years={years} />
    </div>
  );
}

function YearForm({ years }: { years: CalendarYearView[] }) {
  const router = useRouter();
  const ids = { year: useId(), text: useId(), help: useId(), error: useId() };
  const first = years.find((y) => !y.libraryCovers) ?? years[0];
  const [year, setYear] = useState(String(first?.year ?? new Date().getFullYear() + 1));
  const [text, setText] = useState(first?.lines ?? "");
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);
  const pick = (v: string) => {
    setYear(v);
    setText(years.find((y) => String(y.year) === v)?.lines ?? "");
    setStatus(null);
  };
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setStatus(null);
    try {
      const res = await saveCalendarYearAction({ year: Number(year), text });
      if (res.ok) {
        setStatus({ tone: "ok", text: `已保存 ${res.data.year} 年：放假 ${res.data.holidays} 天，调休上班 ${res.data.workdays} 天` });
        router.refresh();
      } else setStatus({ tone: "error", text: res.fieldErrors?.year ?? res.error });
    } catch {
      setStatus({ tone: "error", text: "网络异常，尚未保存，请重试" });
    } finally {
      setPending(false);
    }
  }
  return (
    <form onSubmit={onSubmit} className="grid max-w-3xl gap-3">
      <h2 className="text-xl font-bold">录入一个年度</h2>
      <label htmlFor={ids.year} className="font-medium">
        年度
      </label>
      <input id={ids.year} className={inputClass} inputMode="numeric" value={year} onChange={(e) => pick(e.target.value)} list={`${ids.year}-years`} />
      <datalist id={`${ids.year}-years`}>
        {years.map((y) => (
          <option key={y.year} value={y.year} />
        ))}
      </datalist>
      <label htmlFor={ids.text} className="font-medium">
        法定节假日和调休上班日（每行一天或一段，整体替换该年已录入的内容；清空后保存即删除该年）
      </label>
      <p id={ids.help} className="text-slate-600">
        例如：“2027-02-06 至 2027-02-12 放假 春节”，“2027-02-14 上班 春节调休”。以 # 开头的行不处理。
      </p>
      <textarea
        id={ids.text}
        className={`${inputClass} min-h-64 font-mono`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${ids.help} ${ids.error}`}
        aria-invalid={status?.tone === "error" || undefined}
      />
      <div>
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "正在保存…" : "保存该年度"}
        </button>
      </div>
      <p id={ids.error} role="status" aria-live="polite" className={`min-h-6 ${status?.tone === "ok" ? "text-green-800" : "text-red-700"}`}>
        {status?.text}
      </p>
    </form>
  );
}
