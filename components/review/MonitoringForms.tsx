"use client";
// 监测录入: findings for any unit, whether it has submitted or not. One form per kind of
// finding; each saves through the same path as the xlsx import and shows the item's new
// score with the engine's explanation.
import { useId, useState, useTransition } from "react";
import { recordFindingAction } from "@/app/review/monitoring/actions";
import type { FindingType, MonitoringOptions } from "@/lib/review/import";
import { errorProps, FieldError, inputClass, NETWORK_ERROR, primaryButton, StatusMessage, type FieldErrors, type Status } from "./ui";

type Applied = { itemCode: string | null; name: string | null; score: string | null; max: string | null; trace: string[] };

const TYPES: { key: FindingType; label: string; hint: string; defaultMethod: string }[] = [
  { key: "meeting", label: "视频会议", hint: "按场次记录点名缺席/迟到、会场秩序问题和参会纪律问题（每次扣 0.05 分）。", defaultMethod: "在线监测" },
  { key: "rooms", label: "会议室与人员", hint: "按县（市、区）记录缺少的高清视频会议室、会议室缺少的条件，以及缺分管领导或专职人员。", defaultMethod: "现场检查" },
  { key: "vulnerability", label: "漏洞通报", hint: "每次通报扣 1 分；通报后超过 14 天才修复反馈或未修复的，再扣 1 分。", defaultMethod: "日常监察" },
  { key: "outreach", label: "违规外联", hint: "每次通报扣 0.2 分，最多扣 2 分。", defaultMethod: "日常监察" },
  { key: "website", label: "网站抽查通报", hint: "部门网站被通报的级别；多次通报按最严重的级别计分。", defaultMethod: "网上核查" },
  { key: "posts", label: "动态信息发布条数", hint: "各栏目每月在政府网站发布的条数，按本考核年度所选口径（各栏目合计或逐栏目）计算月均后分档计分（替换该单位此项的审核数据）。", defaultMethod: "网上核查" },
  { key: "penalty", label: "加重扣分", hint: "部门网站未更新、上报信息失实、泄密、被媒体曝光等造成不良影响的，折算为百分制后扣分。", defaultMethod: "" },
];

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

export function MonitoringForms({ options }: { options: MonitoringOptions }) {
  const id = useId();
  const [type, setType] = useState<FindingType>("meeting");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [posts, setPosts] = useState<Record<string, string[]>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [applied, setApplied] = useState<Applied[]>([]);
  const [pending, start] = useTransition();
  const meta = TYPES.find((t) => t.key === type)!;
  const units = options.units[type];
  const f = (k: string) => fields[k] ?? "";
  const set = (k: string, v: string) => setFields((x) => ({ ...x, [k]: v }));
  const method = fields.method ?? meta.defaultMethod;

  const choose = (t: FindingType) => {
    setType(t);
    setErrors({});
    setStatus(null);
    setApplied([]);
    setFields((x) => ({ unitCode: options.units[t].some((u) => u.code === x.unitCode) ? x.unitCode : "" }));
    setPosts({});
  };

  const num = (k: string) => (f(k).trim() === "" ? 0 : Number(f(k)));
  const columnsForUnit = options.postColumns.filter((c) => !f("unitCode") || c.units.includes(f("unitCode")));
  const shownColumns = columnsForUnit.length ? columnsForUnit : options.postColumns;

  const build = (): unknown => {
    const base = { unitCode: f("unitCode"), ...(type !== "penalty" ? { method, note: f("note") } : {}) };
    switch (type) {
      case "meeting":
        return { type, ...base, date: f("date"), rollcall: num("rollcall"), venue: num("venue"), discipline: num("discipline") };
      case "rooms":
        return { type, ...base, ...(f("date") ? { date: f("date") } : {}), rooms: num("rooms"), conditions: num("conditions"), staffing: f("staffing") === "1" };
      case "vulnerability":
        return { type, ...base, date: f("date"), fixedDate: f("fixedDate") || null };
      case "outreach":
        return { type, ...base, date: f("date"), count: f("count") ? Number(f("count")) : 1 };
      case "website":
        return { type, ...base, level: f("level"), ...(f("date") ? { date: f("date") } : {}) };
      case "posts":
        return {
          type,
          ...base,
          columns: shownColumns
            .filter((c) => (posts[c.code] ?? []).some((v) => v.trim() !== ""))
            .map((c) => ({ column: c.code, monthly: Array.from({ length: options.months }, (_, m) => ((posts[c.code] ?? [])[m]?.trim() ? Number(posts[c.code][m]) : null)) })),
        };
      case "penalty":
        return { type, unitCode: f("unitCode"), partCode: f("partCode") || options.penaltyParts[0]?.code || "", points: f("points").trim(), reason: f("reason").trim() };
    }
  };

  const submit = () => {
    const fe: FieldErrors = {};
    if (!f("unitCode")) fe.unitCode = "请选择单位";
    if (["meeting", "vulnerability", "outreach"].includes(type) && !f("date")) fe.date = "请填写日期";
    if (type === "website" && !f("level")) fe.level = "请选择通报级别";
    if (type === "penalty" && !f("reason").trim()) fe.reason = "请填写加重扣分理由";
    if (type === "penalty" && !/^\d+(\.\d{1,2})?$/.test(f("points").trim())) fe.points = "扣分应为正数，最多两位小数";
    for (const k of ["rollcall", "venue", "discipline", "rooms", "conditions", "count"]) if (f(k).trim() && !/^\d+$/.test(f(k).trim())) fe[k] = "应为不小于 0 的整数";
    if (Object.keys(fe).length) {
      setErrors(fe);
      setStatus({ tone: "error", text: "请检查标出的字段" });
      return;
    }
    start(async () => {
      const r = await recordFindingAction({ editionId: options.editionId, finding: build() }).catch(() => null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        const mapped: FieldErrors = {};
        for (const [k, v] of Object.entries(r.fieldErrors ?? {})) mapped[k.replace(/^finding\./, "").split(".")[0]] ??= v;
        setErrors(mapped);
        return setStatus({ tone: "error", text: r.error });
      }
      setErrors({});
      setApplied(r.data);
      const unitName = units.find((u) => u.code === f("unitCode"))?.name ?? "";
      setStatus({ tone: "ok", text: `已记录${unitName}的${meta.label}` });
      setFields({ unitCode: f("unitCode") });
      setPosts({});
    });
  };

  const unitSelect = (
    <div>
      <label htmlFor={`${id}-unit`} className="block font-medium">
        单位<span className="ml-1 text-red-700" aria-hidden="true">*</span>
      </label>
      <select id={`${id}-unit`} value={f("unitCode")} onChange={(e) => set("unitCode", e.target.value)} className={inputClass} {...errorProps(`${id}-unit`, errors, "unitCode")}>
        <option value="">请选择</option>
        {["county", "department"].map((g) => {
          const list = units.filter((u) => u.group === g);
          return list.length ? (
            <optgroup key={g} label={g === "county" ? "县（市、区）" : "市直部门"}>
              {list.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </select>
      <FieldError id={`${id}-unit`} message={errors.unitCode} />
    </div>
  );

  const input = (k: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, required = false) => (
    <div>
      <label htmlFor={`${id}-${k}`} className="block font-medium">
        {label}
        {required ? <span className="ml-1 text-red-700" aria-hidden="true">*</span> : null}
      </label>
      <input id={`${id}-${k}`} value={f(k)} onChange={(e) => set(k, e.target.value)} className={inputClass} {...props} {...errorProps(`${id}-${k}`, errors, k)} />
      <FieldError id={`${id}-${k}`} message={errors[k]} />
    </div>
  );

  const lateHint = (() => {
    if (type !== "vulnerability" || !options.lateFix || !f("date")) return null;
    if (!f("fixedDate")) return `未修复反馈：通报扣 ${options.lateFix.perEvent} 分，另按“${options.lateFix.name}”再扣 ${options.lateFix.points} 分。`;
    const d = daysBetween(f("date"), f("fixedDate"));
    if (d < 0) return "修复反馈日期早于通报日期，请检查。";
    return d > options.lateFix.afterDays ? `通报后第 ${d} 天才修复反馈（超过 ${options.lateFix.afterDays} 天）：通报扣 ${options.lateFix.perEvent} 分，另按“${options.lateFix.name}”再扣 ${options.lateFix.points} 分。` : `通报后第 ${d} 天修复反馈（未超过 ${options.lateFix.afterDays} 天）：只扣通报的 ${options.lateFix.perEvent} 分。`;
  })();

  const monthlySums = Array.from({ length: options.months }, (_, m) => {
    const vals = shownColumns.map((c) => (posts[c.code] ?? [])[m]).filter((v) => v && v.trim() !== "");
    return vals.length ? vals.reduce((a, v) => a + Number(v), 0) : null;
  });
  const entered = monthlySums.filter((v): v is number => v !== null);

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="mb-2 font-semibold">录入类型</legend>
        <div className="flex flex-wrap gap-2" role="radiogroup">
          {TYPES.map((t) => (
            <label key={t.key} className={`cursor-pointer rounded-full border px-4 py-1.5 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-500 ${type === t.key ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white"}`}>
              <input type="radio" name={`${id}-type`} value={t.key} checked={type === t.key} onChange={() => choose(t.key)} className="sr-only" />
              {t.label}
            </label>
          ))}
        </div>
      </fieldset>

      <form
        noValidate
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        aria-label={`录入${meta.label}`}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="text-slate-700">{meta.hint}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          {unitSelect}
          {type === "meeting" ? (
            <>
              {input("date", "会议日期", { type: "date" }, true)}
              {input("rollcall", "点名缺席/迟到次数", { inputMode: "numeric" })}
              {input("venue", "会场秩序问题次数", { inputMode: "numeric" })}
              {input("discipline", "参会人员纪律问题次数", { inputMode: "numeric" })}
            </>
          ) : null}
          {type === "rooms" ? (
            <>
              {input("date", "检查日期", { type: "date" })}
              {input("rooms", "缺少的高清视频会议室（个）", { inputMode: "numeric" })}
              {input("conditions", "会议室缺少的条件（项，每间每缺一项计 1）", { inputMode: "numeric" })}
              <div className="flex items-end">
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={f("staffing") === "1"} onChange={(e) => set("staffing", e.target.checked ? "1" : "")} />
                  缺分管领导或视频会议专职人员
                </label>
              </div>
            </>
          ) : null}
          {type === "vulnerability" ? (
            <>
              {input("date", "通报日期", { type: "date" }, true)}
              {input("fixedDate", "修复反馈日期（未修复留空）", { type: "date" })}
            </>
          ) : null}
          {type === "outreach" ? (
            <>
              {input("date", "通报日期", { type: "date" }, true)}
              {input("count", "通报次数", { inputMode: "numeric", placeholder: "1" })}
            </>
          ) : null}
          {type === "website" ? (
            <>
              <div>
                <label htmlFor={`${id}-level`} className="block font-medium">
                  通报级别<span className="ml-1 text-red-700" aria-hidden="true">*</span>
                </label>
                <select id={`${id}-level`} value={f("level")} onChange={(e) => set("level", e.target.value)} className={inputClass} {...errorProps(`${id}-level`, errors, "level")}>
                  <option value="">请选择</option>
                  {options.websiteLevels.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.name}（本项得 {l.points} 分）
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-level`} message={errors.level} />
              </div>
              {input("date", "通报日期", { type: "date" })}
            </>
          ) : null}
          {type === "penalty" ? (
            <>
              <div>
                <label htmlFor={`${id}-part`} className="block font-medium">
                  考核部分
                </label>
                <select id={`${id}-part`} value={f("partCode") || options.penaltyParts[0]?.code} onChange={(e) => set("partCode", e.target.value)} className={inputClass} {...errorProps(`${id}-part`, errors, "partCode")}>
                  {options.penaltyParts.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-part`} message={errors.partCode} />
              </div>
              {input("points", "扣分（百分制）", { inputMode: "decimal" }, true)}
            </>
          ) : null}
        </div>

        {lateHint ? (
          <p className="rounded bg-amber-50 px-3 py-2 text-amber-900" aria-live="polite" data-testid="late-fix-hint">
            {lateHint}
          </p>
        ) : null}

        {type === "posts" ? (
          <div className="overflow-x-auto">
            <table className="text-sm">
              <caption className="mb-1 text-left text-slate-700">
                {f("unitCode") && columnsForUnit.length ? "该单位负责的栏目" : "本项考核的栏目"}：各月发布条数（未统计的月份留空）
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="px-1 text-left">
                    栏目
                  </th>
                  {Array.from({ length: options.months }, (_, m) => (
                    <th key={m} scope="col" className="px-1">
                      {m + 1}月
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shownColumns.map((c) => (
                  <tr key={c.code}>
                    <th scope="row" className="whitespace-nowrap px-1 text-left font-normal">
                      {c.name}
                    </th>
                    {Array.from({ length: options.months }, (_, m) => (
                      <td key={m} className="px-0.5">
                        <input
                          aria-label={`${c.name} ${m + 1}月发布条数`}
                          inputMode="numeric"
                          value={(posts[c.code] ?? [])[m] ?? ""}
                          onChange={(e) => setPosts((p) => ({ ...p, [c.code]: Array.from({ length: options.months }, (_, j) => (j === m ? e.target.value : ((p[c.code] ?? [])[j] ?? ""))) }))}
                          className="w-12 rounded border border-slate-300 px-1 py-0.5"
                        />
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="border-t border-slate-200 font-medium">
                  <th scope="row" className="px-1 text-left">
                    合计
                  </th>
                  {monthlySums.map((s, m) => (
                    <td key={m} className="px-1 text-center">
                      {s ?? "—"}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
            <p className="mt-1 text-slate-700" aria-live="polite">
              {entered.length ? `已填 ${entered.length} 个月，月均 ${(entered.reduce((a, b) => a + b, 0) / entered.length).toFixed(2)} 条（保存后按规则分档计分）` : "尚未填写。"}
            </p>
            <FieldError id={`${id}-posts`} message={errors.columns ?? errors.monthly ?? errors.column} />
          </div>
        ) : null}

        <div className="grid gap-4 sm:grid-cols-3">
          {type !== "penalty" ? (
            <div>
              <label htmlFor={`${id}-method`} className="block font-medium">
                核查方式
              </label>
              <select id={`${id}-method`} value={method} onChange={(e) => set("method", e.target.value)} className={inputClass}>
                {options.methods.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="sm:col-span-2">
            {type === "penalty" ? input("reason", "理由", {}, true) : input("note", "说明（写入审核理由和审计日志）")}
          </div>
        </div>
        {errors._ ? <p className="text-red-700">{errors._}</p> : null}
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "正在保存…" : `保存${meta.label}`}
        </button>
        <StatusMessage status={status} />
        {applied.filter((a) => a.itemCode).length ? (
          <div className="space-y-2" data-testid="monitoring-result">
            {applied
              .filter((a) => a.itemCode)
              .map((a, i) => (
                <div key={i} className="rounded bg-brand-50 p-3">
                  <p className="font-medium">
                    {a.name}：审核后 {a.score ?? "—"} / {a.max} 分
                  </p>
                  <ol className="list-inside list-decimal text-sm text-slate-700">
                    {a.trace.map((t, j) => (
                      <li key={j}>{t}</li>
                    ))}
                  </ol>
                </div>
              ))}
          </div>
        ) : null}
      </form>
    </div>
  );
}
