"use client";
// A structured editor of an item's facts, one layout per rule type (no JSON): the
// reviewer edits the inputs, or sets the score within the item's range (override).
// Every field shows its own error beside it.
import type { TRule } from "@/lib/rules/schema";
import { emptyEvent, modifierKey, type Draft, type ValueDraft } from "@/lib/review/fact-draft";
import { addOccurrence, removeOccurrence, setOccurrenceReason } from "@/lib/rules/types/modifiers";
import { rowId } from "@/lib/rules/types/kit";
import { ruleType, type FieldsDraft } from "@/lib/rules/types";
import { toColumnScoresDraft } from "@/lib/rules/types/rating";
import { monthLabel, toColumnsDraft } from "@/lib/rules/types/tiers";
import type { ReviewLeafView as LeafView } from "@/lib/review/view-types";
import { errorProps, FieldError, secondaryButton, smallInput, type FieldErrors } from "./ui";

type Props = { id: string; leaf: LeafView; draft: Draft; onChange: (d: Draft) => void; errors: FieldErrors };

export function FactEditor({ id, leaf, draft, onChange, errors }: Props) {
  const setValue = (value: ValueDraft) => onChange({ ...draft, value });
  const rule = leaf.rule;
  return (
    <div className="space-y-4">
      {leaf.allowNotApplicable ? (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 font-medium">适用性</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={draft.naOn} onChange={(e) => onChange({ ...draft, naOn: e.target.checked })} />
            本项对该单位不适用
          </label>
          {draft.naOn ? (
            <div className="mt-2">
              <label htmlFor={`${id}-na`} className="block text-sm font-medium">
                不适用的理由
              </label>
              <input id={`${id}-na`} value={draft.naReason} onChange={(e) => onChange({ ...draft, naReason: e.target.value })} className={`${smallInput} w-full`} {...errorProps(`${id}-na`, errors, "notApplicable.reason")} />
              <FieldError id={`${id}-na`} message={errors["notApplicable.reason"]} />
            </div>
          ) : null}
        </fieldset>
      ) : null}

      {!draft.naOn ? (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 font-medium">审核数据</legend>
          <ValueEditor id={id} rule={rule} value={draft.value} onChange={setValue} errors={errors} columns={leaf.columns} notInvolvedAllowed={leaf.allowNotApplicable && leaf.modifiers.some((m) => m.kind === "bonus")} />
          <FieldError id={`${id}-value`} message={errors["value"]} />
        </fieldset>
      ) : null}

      {leaf.preconditions.length ? (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 font-medium">前提条件</legend>
          {leaf.preconditions.map((p) => (
            <label key={p.code} className="flex items-center gap-2">
              <input type="checkbox" checked={draft.conditions[p.code] ?? false} onChange={(e) => onChange({ ...draft, conditions: { ...draft.conditions, [p.code]: e.target.checked } })} />
              {p.label}
            </label>
          ))}
        </fieldset>
      ) : null}

      {leaf.modifiers.length ? (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 font-medium">加分 / 减分</legend>
          {leaf.modifiers.map((m) => {
            const cur = draft.modifiers[m.code] ?? { on: false, reason: "" };
            const set = (patch: Partial<typeof cur>) => onChange({ ...draft, modifiers: { ...draft.modifiers, [m.code]: { ...cur, ...patch } } });
            const setMods = (modifiers: Draft["modifiers"]) => onChange({ ...draft, modifiers });
            const fid = `${id}-mod-${m.code}`;
            const reasons = cur.on ? [cur.reason, ...(m.repeatable ? (cur.more ?? []) : [])] : [];
            return (
              <div key={m.code} className="py-1" {...(m.repeatable ? { role: "group", "aria-label": m.name } : {})}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={cur.on} onChange={(e) => set({ on: e.target.checked })} />
                  {m.kind === "bonus" ? "加" : "减"} {String(m.points)} 分{m.repeatable ? "（每次）" : ""}：{m.name}
                </label>
                {reasons.map((reason, n) => {
                  const key = modifierKey(m.code, n);
                  const fidN = n === 0 ? fid : `${fid}-${n + 1}`;
                  return (
                    <div key={n} className="ml-6 mt-1">
                      <label htmlFor={fidN} className="sr-only">
                        {m.name}的理由{m.repeatable ? `（第 ${n + 1} 次）` : ""}
                      </label>
                      <div className="flex gap-2">
                        <input id={fidN} placeholder={m.repeatable ? `第 ${n + 1} 次理由（必填）` : "理由（必填）"} value={reason} onChange={(e) => setMods(setOccurrenceReason(draft.modifiers, m.code, n, e.target.value))} className={`${smallInput} w-full`} {...errorProps(fidN, errors, key)} />
                        {n > 0 ? (
                          <button type="button" className={secondaryButton} onClick={() => setMods(removeOccurrence(draft.modifiers, m.code, n))}>
                            删除第 {n + 1} 次
                          </button>
                        ) : null}
                      </div>
                      <FieldError id={fidN} message={errors[key]} />
                    </div>
                  );
                })}
                {m.repeatable && cur.on ? (
                  <button type="button" className={`${secondaryButton} ml-6 mt-1`} onClick={() => setMods(addOccurrence(draft.modifiers, m.code))}>
                    再添加一次“{m.name}”
                  </button>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ) : null}

      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">核定得分（可选）</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={draft.overrideOn} onChange={(e) => onChange({ ...draft, overrideOn: e.target.checked })} />
          不按规则计算，直接核定本项得分
        </label>
        {draft.overrideOn ? (
          <div className="mt-2 grid gap-3 sm:grid-cols-[10rem_1fr]">
            <div>
              <label htmlFor={`${id}-ov-score`} className="block text-sm font-medium">
                得分（0～{leaf.overrideMax}）
              </label>
              <input
                id={`${id}-ov-score`}
                inputMode="decimal"
                value={draft.overrideScore}
                onChange={(e) => onChange({ ...draft, overrideScore: e.target.value })}
                className={`${smallInput} w-full`}
                {...errorProps(`${id}-ov-score`, errors, "override.score", `${id}-ov-hint`)}
              />
              <p id={`${id}-ov-hint`} className="mt-1 text-sm text-slate-600">
                允许范围 0～{leaf.overrideMax} 分
              </p>
              <FieldError id={`${id}-ov-score`} message={errors["override.score"]} />
            </div>
            <p className="self-end text-sm text-slate-600">核定理由即下方的“调整理由”，无需另填。</p>
          </div>
        ) : null}
      </fieldset>

      <div>
        <label htmlFor={`${id}-note`} className="block font-medium">
          备注
        </label>
        <textarea id={`${id}-note`} rows={2} value={draft.note} onChange={(e) => onChange({ ...draft, note: e.target.value })} className={`${smallInput} w-full`} />
      </div>
    </div>
  );
}

function ValueEditor({
  id,
  rule,
  value,
  onChange,
  errors,
  columns = [],
  notInvolvedAllowed = false,
}: {
  id: string;
  rule: TRule;
  value: ValueDraft;
  onChange: (v: ValueDraft) => void;
  errors: FieldErrors;
  columns?: { code: string; name: string }[];
  notInvolvedAllowed?: boolean;
}) {
  switch (value.type) {
    case "count": {
      const label = rule.type === "count" ? rule.itemLabel : "对象";
      return (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">逐个填写所计{label}的名称（按去重后的非空名称计数）。</p>
          {value.rows.map((row, i) => (
            <div key={row.id} className="flex items-center gap-2">
              <label htmlFor={`${id}-item-${i}`} className="w-20 shrink-0 text-sm">
                {label} {i + 1}
              </label>
              <input
                id={`${id}-item-${i}`}
                value={row.name}
                onChange={(e) => onChange({ ...value, rows: value.rows.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
                className={`${smallInput} flex-1`}
                {...errorProps(`${id}-item-${i}`, errors, `value.items.${i}`)}
              />
              <button type="button" className="text-sm text-red-700 underline" onClick={() => onChange({ ...value, rows: value.rows.filter((_, j) => j !== i) })} aria-label={`删除${label} ${i + 1}`}>
                删除
              </button>
            </div>
          ))}
          {(() => {
            const names = value.rows.map((x) => x.name.trim()).filter(Boolean);
            const dups = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
            return dups.length ? (
              <p className="text-sm text-amber-800" role="status">
                重复的名称只计一次：{dups.join("、")}（共填写 {names.length} 个，计 {new Set(names).size} 个）
              </p>
            ) : null;
          })()}
          <button type="button" className={secondaryButton} onClick={() => onChange({ ...value, rows: [...value.rows, { id: rowId(), name: "" }] })}>
            添加{label}
          </button>
        </div>
      );
    }
    case "binary":
      return (
        <div className="space-y-2">
          {value.notInvolved ? null : (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={value.yes === "yes"} onChange={(e) => onChange({ ...value, yes: e.target.checked ? "yes" : "no" })} />
              {rule.type === "binary" ? rule.yesLabel : "达到要求"}
            </label>
          )}
          {notInvolvedAllowed || value.notInvolved ? (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={!!value.notInvolved} onChange={(e) => onChange({ ...value, notInvolved: e.target.checked, yes: e.target.checked ? "" : "no" })} />
              未涉及此项要求，但主动建设（不计基础分，只计加分）
            </label>
          ) : null}
          <FieldError id={`${id}-ni`} message={errors["value.notInvolved"]} />
          <div className="grid gap-2 sm:grid-cols-2">
            <div>
              <label htmlFor={`${id}-ref`} className="block text-sm font-medium">
                {rule.type === "binary" && rule.referenceLabel ? rule.referenceLabel : "依据（文号等）"}
              </label>
              <input id={`${id}-ref`} value={value.reference} onChange={(e) => onChange({ ...value, reference: e.target.value })} className={`${smallInput} w-full`} />
            </div>
            <div>
              <label htmlFor={`${id}-date`} className="block text-sm font-medium">
                日期
              </label>
              <input id={`${id}-date`} type="date" value={value.date} onChange={(e) => onChange({ ...value, date: e.target.value })} className={`${smallInput} w-full`} {...errorProps(`${id}-date`, errors, "value.date")} />
              <FieldError id={`${id}-date`} message={errors["value.date"]} />
            </div>
          </div>
        </div>
      );
    case "ratio":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-num`} className="block text-sm font-medium">
              分子：{rule.type === "ratio" ? rule.numeratorLabel : ""}
            </label>
            <input id={`${id}-num`} inputMode="numeric" value={value.numerator} onChange={(e) => onChange({ ...value, numerator: e.target.value })} className={`${smallInput} w-full`} {...errorProps(`${id}-num`, errors, "value.numerator")} />
            <FieldError id={`${id}-num`} message={errors["value.numerator"]} />
          </div>
          <div>
            <label htmlFor={`${id}-den`} className="block text-sm font-medium">
              分母：{rule.type === "ratio" ? (rule.denominatorLabel ?? `不少于 ${rule.saturateAt ?? ""}（可不填）`) : ""}
            </label>
            <input id={`${id}-den`} inputMode="numeric" value={value.denominator} onChange={(e) => onChange({ ...value, denominator: e.target.value })} className={`${smallInput} w-full`} {...errorProps(`${id}-den`, errors, "value.denominator")} />
            <FieldError id={`${id}-den`} message={errors["value.denominator"]} />
          </div>
          <div className="sm:col-span-2">
            <label htmlFor={`${id}-list`} className="block text-sm font-medium">
              分子所计对象清单（可选，每行一个；填写时个数须等于分子）
            </label>
            <textarea id={`${id}-list`} rows={3} value={value.list.map((r) => r.name).join("\n")} onChange={(e) => onChange({ ...value, list: e.target.value.split("\n").map((name) => ({ id: rowId(), name })) })} className={`${smallInput} w-full`} {...errorProps(`${id}-list`, errors, "value.list")} />
            <FieldError id={`${id}-list`} message={errors["value.list"]} />
          </div>
          {rule.type === "ratio" && rule.coverage ? (
            <div>
              <label htmlFor={`${id}-covered`} className="block text-sm font-medium">
                {rule.coverage.label}（可选）
              </label>
              <input id={`${id}-covered`} inputMode="numeric" value={value.covered ?? ""} onChange={(e) => onChange({ ...value, covered: e.target.value })} className={`${smallInput} w-full`} {...errorProps(`${id}-covered`, errors, "value.covered")} />
              <FieldError id={`${id}-covered`} message={errors["value.covered"]} />
            </div>
          ) : null}
        </div>
      );
    case "deduction": {
      if (rule.type !== "deduction") return null;
      const kinds = rule.pools.flatMap((p) => p.kinds);
      const inv = kinds.find((k) => k.inventory)?.inventory;
      const rows = value.inventory ?? [];
      return (
        <div className="space-y-3">
          {inv ? (
            <fieldset className="space-y-2 rounded border border-slate-200 p-2">
              <legend className="text-sm font-medium">
                {inv.itemLabel}配备清单（每个{inv.group === "county" ? "县（市、区）" : "单位"}应配 {inv.required} 个；单位名称不填表示本单位）
              </legend>
              {rows.map((r, i) => {
                const fid = `${id}-inv-${i}`;
                const set = (patch: Partial<typeof r>) => onChange({ ...value, inventory: rows.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                return (
                  <div key={r.id} className="flex flex-wrap items-end gap-2">
                    <div>
                      <label htmlFor={`${fid}-unit`} className="block text-sm">
                        单位名称
                      </label>
                      <input id={`${fid}-unit`} value={r.unit} onChange={(e) => set({ unit: e.target.value })} className={smallInput} {...errorProps(`${fid}-unit`, errors, `value.inventory.${i}.unit`)} />
                      <FieldError id={`${fid}-unit`} message={errors[`value.inventory.${i}.unit`]} />
                    </div>
                    <div>
                      <label htmlFor={`${fid}-count`} className="block text-sm">
                        已配备（个）
                      </label>
                      <input id={`${fid}-count`} inputMode="numeric" value={r.count} onChange={(e) => set({ count: e.target.value })} className={smallInput} {...errorProps(`${fid}-count`, errors, `value.inventory.${i}.count`)} />
                      <FieldError id={`${fid}-count`} message={errors[`value.inventory.${i}.count`]} />
                    </div>
                    <button type="button" className="text-sm text-red-700 underline" onClick={() => onChange({ ...value, inventory: rows.filter((_, j) => j !== i) })} aria-label={`删除配备清单第 ${i + 1} 行`}>
                      删除
                    </button>
                  </div>
                );
              })}
              <button type="button" className={secondaryButton} onClick={() => onChange({ ...value, inventory: [...rows, { id: rowId(), unit: "", count: "" }] })}>
                添加一行配备情况
              </button>
            </fieldset>
          ) : null}
          {value.events.length === 0 ? <p className="text-slate-600">无扣分事项{inv ? "（清单中缺少的除外）" : "（得满分）"}。</p> : null}
          {value.events.map((e, i) => {
            const kind = kinds.find((k) => k.code === e.kind);
            const set = (patch: Partial<typeof e>) => onChange({ ...value, events: value.events.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            const fid = `${id}-ev-${i}`;
            return (
              <fieldset key={e.id} className="grid gap-2 rounded border border-slate-200 p-2 sm:grid-cols-[1fr_6rem_10rem_10rem_auto]">
                <legend className="sr-only">扣分事项 {i + 1}</legend>
                <div>
                  <label htmlFor={`${fid}-kind`} className="block text-sm">
                    类型
                  </label>
                  <select id={`${fid}-kind`} value={e.kind} onChange={(ev) => set({ kind: ev.target.value })} className={`${smallInput} w-full`} {...errorProps(`${fid}-kind`, errors, `value.events.${i}.kind`)}>
                    {kinds.map((k) => (
                      <option key={k.code} value={k.code}>
                        {k.name}（每{k.eventUnit ?? "次"}扣 {String(k.perEvent)} 分）
                      </option>
                    ))}
                  </select>
                  <FieldError id={`${fid}-kind`} message={errors[`value.events.${i}.kind`]} />
                </div>
                <div>
                  <label htmlFor={`${fid}-count`} className="block text-sm">
                    {kind?.eventUnit === "个" ? "个数" : kind?.eventUnit === "项" ? "项数" : "次数"}
                  </label>
                  <input id={`${fid}-count`} inputMode="numeric" value={e.count} onChange={(ev) => set({ count: ev.target.value })} className={`${smallInput} w-full`} {...errorProps(`${fid}-count`, errors, `value.events.${i}.count`)} />
                  <FieldError id={`${fid}-count`} message={errors[`value.events.${i}.count`]} />
                </div>
                <div>
                  <label htmlFor={`${fid}-date`} className="block text-sm">
                    {kind?.lateFix ? "通报日期" : "日期"}
                  </label>
                  <input id={`${fid}-date`} type="date" value={e.date} onChange={(ev) => set({ date: ev.target.value })} className={`${smallInput} w-full`} {...errorProps(`${fid}-date`, errors, `value.events.${i}.date`)} />
                  <FieldError id={`${fid}-date`} message={errors[`value.events.${i}.date`]} />
                </div>
                <div>
                  {kind?.lateFix ? (
                    <>
                      <label htmlFor={`${fid}-fixed`} className="block text-sm">
                        修复反馈日期（未修复留空）
                      </label>
                      <input id={`${fid}-fixed`} type="date" value={e.fixedDate} onChange={(ev) => set({ fixedDate: ev.target.value })} className={`${smallInput} w-full`} {...errorProps(`${fid}-fixed`, errors, `value.events.${i}.fixedDate`)} />
                      <FieldError id={`${fid}-fixed`} message={errors[`value.events.${i}.fixedDate`]} />
                    </>
                  ) : null}
                </div>
                <div className="sm:col-span-4">
                  <label htmlFor={`${fid}-note`} className="block text-sm">
                    备注
                  </label>
                  <input id={`${fid}-note`} value={e.note} maxLength={500} onChange={(ev) => set({ note: ev.target.value })} className={`${smallInput} w-full`} {...errorProps(`${fid}-note`, errors, `value.events.${i}.note`)} />
                  <FieldError id={`${fid}-note`} message={errors[`value.events.${i}.note`]} />
                </div>
                <div className="flex items-end">
                  <button type="button" className="text-sm text-red-700 underline" onClick={() => onChange({ ...value, events: value.events.filter((_, j) => j !== i) })} aria-label={`删除扣分事项 ${i + 1}`}>
                    删除
                  </button>
                </div>
              </fieldset>
            );
          })}
          <button type="button" className={secondaryButton} onClick={() => onChange({ ...value, events: [...value.events, emptyEvent(rule)] })}>
            添加扣分事项
          </button>
        </div>
      );
    }
    case "tiers":
      if (value.mode === "columns") {
        return (
          <div>
            <p className="mb-2 text-sm text-slate-600">{rule.type === "tiers" ? rule.measureLabel : ""}：按栏目填写每月数量，未统计的月份留空。</p>
            <button type="button" className="mb-2 text-sm underline" onClick={() => onChange({ type: "tiers", mode: "monthly", monthly: value.columns[0]?.monthly.map(() => "") ?? [] })}>
              改为只填每月合计
            </button>
            {value.columns.map((c, ci) => (
              <div key={c.column} className="mb-2">
                <p className="text-sm font-medium">{c.name}</p>
                <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
                  {c.monthly.map((m, i) => (
                    <div key={i}>
                      <label htmlFor={`${id}-c${ci}-m-${i}`} className="block text-sm">
                        {c.name} {monthLabel(rule.type === "tiers" ? rule : {}, i)}
                      </label>
                      <input
                        id={`${id}-c${ci}-m-${i}`}
                        inputMode="decimal"
                        value={m}
                        onChange={(e) =>
                          onChange({ ...value, columns: value.columns.map((x, j) => (j === ci ? { ...x, monthly: x.monthly.map((y, k) => (k === i ? e.target.value : y)) } : x)) })
                        }
                        className={`${smallInput} w-full`}
                        {...errorProps(`${id}-c${ci}-m-${i}`, errors, `value.columns.${ci}.monthly.${i}`)}
                      />
                      <FieldError id={`${id}-c${ci}-m-${i}`} message={errors[`value.columns.${ci}.monthly.${i}`]} />
                    </div>
                  ))}
                </div>
              </div>
            ))}
          </div>
        );
      }
      return value.mode === "monthly" ? (
        <div>
          <p className="mb-2 text-sm text-slate-600">{rule.type === "tiers" ? rule.measureLabel : ""}：每月数量，未统计的月份留空。</p>
          {columns.length > 0 && rule.type === "tiers" ? (
            <button type="button" className="mb-2 text-sm underline" onClick={() => onChange(toColumnsDraft(rule, columns))}>
              改为按栏目分别填写
            </button>
          ) : null}
          <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
            {value.monthly.map((m, i) => (
              <div key={i}>
                <label htmlFor={`${id}-m-${i}`} className="block text-sm">
                  {monthLabel(rule.type === "tiers" ? rule : {}, i)}
                </label>
                <input
                  id={`${id}-m-${i}`}
                  inputMode="decimal"
                  value={m}
                  onChange={(e) => onChange({ ...value, monthly: value.monthly.map((x, j) => (j === i ? e.target.value : x)) })}
                  className={`${smallInput} w-full`}
                  {...errorProps(`${id}-m-${i}`, errors, `value.monthly.${i}`)}
                />
                <FieldError id={`${id}-m-${i}`} message={errors[`value.monthly.${i}`]} />
              </div>
            ))}
          </div>
        </div>
      ) : (
        <div>
          <label htmlFor={`${id}-tv`} className="block text-sm font-medium">
            {rule.type === "tiers" ? rule.measureLabel : "数值"}
          </label>
          <input id={`${id}-tv`} inputMode="decimal" value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })} className={`${smallInput} w-40`} {...errorProps(`${id}-tv`, errors, "value.value")} />
          <FieldError id={`${id}-tv`} message={errors["value.value"]} />
        </div>
      );
    case "choice":
      if (rule.type !== "choice") return null;
      return (
        <div>
          <p className="mb-1 text-sm text-slate-600">
            可选多项（{rule.combine === "highest" ? "按最高级别计分" : "按最严重的级别计分"}）；都不选表示“{rule.noneLabel}”（{String(rule.nonePoints)} 分）。
          </p>
          {rule.levels.map((l) => (
            <label key={l.code} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={value.levels.includes(l.code)}
                onChange={(e) => onChange({ ...value, levels: e.target.checked ? [...value.levels, l.code] : value.levels.filter((x) => x !== l.code) })}
              />
              {l.name}（{String(l.points)} 分）
            </label>
          ))}
          <FieldError id={`${id}-levels`} message={errors["value.levels"]} />
        </div>
      );
    case "rating":
      if ("mode" in value) {
        return (
          <div className="space-y-2">
            <p className="text-sm text-slate-600">按栏目分别评分（每个栏目 0～{rule.type === "rating" ? String(rule.max) : ""}，本项取各栏目评分的平均值；不评的栏目留空）。</p>
            <button type="button" className="text-sm underline" onClick={() => onChange({ type: "rating", score: "" })}>
              改为只评一个总分
            </button>
            <FieldError id={`${id}-cols`} message={errors["value.columns"]} />
            {value.columns.map((c, i) => (
              <div key={c.column} className="flex items-center gap-2">
                <label htmlFor={`${id}-cs-${i}`} className="w-48 shrink-0 text-sm">
                  {c.name}
                </label>
                <input
                  id={`${id}-cs-${i}`}
                  inputMode="decimal"
                  value={c.score}
                  onChange={(e) => onChange({ ...value, columns: value.columns.map((x, j) => (j === i ? { ...x, score: e.target.value } : x)) })}
                  className={`${smallInput} w-28`}
                  {...errorProps(`${id}-cs-${i}`, errors, `value.columns.${i}.score`)}
                />
                <FieldError id={`${id}-cs-${i}`} message={errors[`value.columns.${i}.score`]} />
              </div>
            ))}
          </div>
        );
      }
      return (
        <div>
          {columns.length > 0 ? (
            <button type="button" className="mb-2 text-sm underline" onClick={() => onChange(toColumnScoresDraft(columns))}>
              改为按栏目分别评分（{columns.length} 个栏目）
            </button>
          ) : null}
          <label htmlFor={`${id}-score`} className="block text-sm font-medium">
            评分（0～{rule.type === "rating" ? String(rule.max) : ""}）
          </label>
          <input id={`${id}-score`} inputMode="decimal" value={value.score ?? ""} onChange={(e) => onChange({ ...value, score: e.target.value })} className={`${smallInput} w-40`} {...errorProps(`${id}-score`, errors, "value.score")} />
          <FieldError id={`${id}-score`} message={errors["value.score"]} />
        </div>
      );
    case "veto":
      return (
        <div className="space-y-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={value.triggered === "yes"} onChange={(e) => onChange({ ...value, triggered: e.target.checked ? "yes" : "no" })} />
            触发否决：{rule.type === "veto" ? rule.condition : ""}
          </label>
          <label htmlFor={`${id}-veto`} className="block text-sm font-medium">
            说明
          </label>
          <input id={`${id}-veto`} value={value.reason} onChange={(e) => onChange({ ...value, reason: e.target.value })} className={`${smallInput} w-full`} />
        </div>
      );
    default:
      // a rule type without a layout of its own: its labelled inputs (module form.inputs)
      return <GenericInputs id={id} rule={rule} value={value as FieldsDraft} onChange={onChange} errors={errors} />;
  }
}

/** The inputs a rule type lists for its `FieldsDraft` (lib/rules/types/<type>: form.inputs). */
function GenericInputs({ id, rule, value, onChange, errors }: { id: string; rule: TRule; value: FieldsDraft; onChange: (v: ValueDraft) => void; errors: FieldErrors }) {
  const inputs = ruleType(rule).form.inputs?.(rule, value) ?? [];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {inputs.map((input, i) => {
        const fid = `${id}-in${i}`;
        return (
          <div key={input.key}>
            <label htmlFor={fid} className="block text-sm font-medium">
              {input.group ? `${input.group}：` : ""}
              {input.label}
            </label>
            <input
              id={fid}
              inputMode={input.inputMode === "text" ? undefined : input.inputMode}
              value={value.fields[input.key] ?? ""}
              onChange={(e) => onChange({ ...value, fields: { ...value.fields, [input.key]: e.target.value } } as ValueDraft)}
              className={`${smallInput} w-full`}
              {...errorProps(fid, errors, input.errorKey)}
            />
            <FieldError id={fid} message={errors[input.errorKey]} />
          </div>
        );
      })}
    </div>
  );
}
