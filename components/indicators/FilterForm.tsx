import Link from "next/link";
import type { TUnitOption } from "@/lib/indicators/view";
import { GROUP_LABELS } from "@/lib/indicators/view";
import type { TUnitGroup } from "@/lib/rules/schema";

const GROUPS: TUnitGroup[] = ["department", "county", "city"];

/** A plain GET form: the filtered view is a link (?unit=CODE&q=keyword) and works without JavaScript. */
export function FilterForm({ units, unit, q }: { units: TUnitOption[]; unit: string; q: string }) {
  const field = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";
  return (
    <form method="get" action="/indicators" role="search" aria-label="筛选指标" className="grid gap-4 rounded-lg border border-slate-300 bg-white p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto] md:items-end">
      <label className="block font-medium text-slate-800">
        本单位负责的指标
        <select name="unit" defaultValue={unit} className={field}>
          <option value="">全部单位</option>
          {GROUPS.map((g) => {
            const list = units.filter((u) => u.group === g);
            return list.length > 0 ? (
              <optgroup key={g} label={GROUP_LABELS[g]}>
                {list.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
      </label>
      <label className="block font-medium text-slate-800">
        关键词
        <input type="search" name="q" defaultValue={q} maxLength={100} placeholder="指标名称、考核内容、栏目或单位名称" className={field} />
      </label>
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-brand-700 px-5 py-2 text-base font-medium text-white hover:bg-brand-600">
          筛选
        </button>
        <Link href="/indicators?unit=" className="rounded-md border border-slate-400 px-4 py-2 text-base text-slate-800 hover:bg-slate-100">
          清除
        </Link>
      </div>
    </form>
  );
}
