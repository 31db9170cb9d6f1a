"use client";
// The value part of the item form, generated from the rule type: a list of named things
// (count), yes/no with a reference (binary), numerator/denominator (ratio), a table of
// events (deduction), monthly or single numbers (tiers), levels (choice), and a read-only
// note for reviewer-rated items (rating).
import { deductionKinds, duplicateRows, monthsOf, rowId, type EventRow, type Row, type ValueState, type YesNo } from "@/lib/assessment/form-state";
import { monthLabel, toColumnsDraft } from "@/lib/rules/types/tiers";
import type { InventoryRow } from "@/lib/rules/types/kit";
import { ruleType, type DraftInput, type FieldsDraft } from "@/lib/rules/types";
import { described, FieldError, type ErrorLookup } from "./fields";
import type { ItemView as LeafView } from "@/lib/assessment/item-view";
import { inputClass, linkButton, secondaryButton, smallInputClass } from "./ui";

type Props<S extends ValueState["type"]> = {
  leaf: LeafView;
  state: Extract<ValueState, { type: S }>;
  onChange: (next: ValueState) => void;
  err: ErrorLookup;
};

type TierProps<M extends "monthly" | "value" | "columns"> = {
  leaf: LeafView;
  state: Extract<ValueState, { type: "tiers"; mode: M }>;
  onChange: (next: ValueState) => void;
  err: ErrorLookup;
};

const pts = (p: string | number) => String(p);

export function ValueFields({ leaf, state, onChange, err }: { leaf: LeafView; state: ValueState; onChange: (next: ValueState) => void; err: ErrorLookup }) {
  switch (state.type) {
    case "count":
      return <CountFields leaf={leaf} state={state} onChange={onChange} err={err} />;
    case "binary":
      return <BinaryFields leaf={leaf} state={state} onChange={onChange} err={err} />;
    case "ratio":
      return <RatioFields leaf={leaf} state={state} onChange={onChange} err={err} />;
    case "deduction":
      return <DeductionFields leaf={leaf} state={state} onChange={onChange} err={err} />;
    case "tiers":
      return state.mode === "monthly" ? (
        <MonthlyFields leaf={leaf} state={state} onChange={onChange} err={err} />
      ) : state.mode === "columns" ? (
        <ColumnMonthsFields leaf={leaf} state={state} onChange={onChange} err={err} />
      ) : (
        <TierValueField leaf={leaf} state={state} onChange={onChange} err={err} />
      );
    case "choice":
      return <ChoiceFields leaf={leaf} state={state} onChange={onChange} err={err} />;
    case "rating":
      return <RatingNote leaf={leaf} state={state} />;
    case "veto":
      return <VetoFields leaf={leaf} state={state} onChange={onChange} err={err} />;
    default:
      // a rule type without a component of its own: its labelled inputs (module form.inputs)
      return <GenericFields leaf={leaf} state={state as FieldsDraft} onChange={onChange} err={err} />;
  }
}

/** The inputs a rule type lists for its `FieldsDraft` (lib/rules/types/<type>: form.inputs), grouped under their legends. */
function GenericFields({ leaf, state, onChange, err }: { leaf: LeafView; state: FieldsDraft; onChange: (next: ValueState) => void; err: ErrorLookup }) {
  const inputs = ruleType(leaf.rule).form.inputs?.(leaf.rule, state) ?? [];
  const groups: { legend?: string; inputs: DraftInput[] }[] = [];
  for (const input of inputs) {
    const last = groups[groups.length - 1];
    if (last && last.legend === input.group) last.inputs.push(input);
    else groups.push({ legend: input.group, inputs: [input] });
  }
  const field = (input: DraftInput) => (
    <TextField
      key={input.key}
      k={input.errorKey}
      label={input.label}
      inputMode={input.inputMode === "text" ? undefined : input.inputMode}
      value={state.fields[input.key] ?? ""}
      onChange={(v) => onChange({ ...state, fields: { ...state.fields, [input.key]: v } } as ValueState)}
      err={err}
      hint={input.hint}
    />
  );
  return (
    <div className="space-y-4">
      <ShapeError err={err} />
      {groups.map((g, i) =>
        g.legend ? (
          <fieldset key={i}>
            <legend className="font-medium">{g.legend}</legend>
            <div className="mt-2 grid gap-4 sm:grid-cols-2">{g.inputs.map(field)}</div>
          </fieldset>
        ) : (
          <div key={i} className="grid gap-4 sm:grid-cols-2">
            {g.inputs.map(field)}
          </div>
        ),
      )}
    </div>
  );
}

function ShapeError({ err }: { err: ErrorLookup }) {
  return <FieldError k="value" message={err("value")} />;
}

/** Rows of names (platforms, covered departments…): add, edit, remove. */
function NameRows({
  prefix,
  label,
  rows,
  onRows,
  err,
  addLabel,
}: {
  prefix: string;
  label: string;
  rows: Row[];
  onRows: (rows: Row[]) => void;
  err: ErrorLookup;
  addLabel: string;
}) {
  const dup = duplicateRows(rows);
  return (
    <div>
      <ol className="space-y-2">
        {rows.map((r, i) => {
          const key = `${prefix}.${i}`;
          const message = err(key);
          const warn = dup.get(r.id);
          const warnId = warn ? `${key}-dup` : undefined;
          return (
            <li key={r.id} className="flex items-start gap-2">
              <span className="mt-2 w-8 shrink-0 text-right text-slate-500" aria-hidden="true">
                {i + 1}.
              </span>
              <div className="grow">
                <label className="sr-only" htmlFor={described(key, message).id}>
                  {label}第 {i + 1} 项
                </label>
                <input
                  {...described(key, message, warnId)}
                  value={r.name}
                  onChange={(e) => onRows(rows.map((x) => (x.id === r.id ? { ...x, name: e.target.value } : x)))}
                  className={smallInputClass}
                  autoComplete="off"
                />
                {warn ? (
                  <p id={warnId} className="mt-1 text-sm text-amber-800">
                    与第 {warn} 项重复，只计一次
                  </p>
                ) : null}
                <FieldError k={key} message={message} />
              </div>
              <button
                type="button"
                className={`${linkButton} mt-2 shrink-0 text-sm`}
                onClick={() => onRows(rows.filter((x) => x.id !== r.id))}
                aria-label={`删除第 ${i + 1} 项${r.name ? `（${r.name}）` : ""}`}
              >
                删除
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className={`${secondaryButton} mt-3 text-sm`} onClick={() => onRows([...rows, { id: rowId(), name: "" }])}>
        {addLabel}
      </button>
    </div>
  );
}

function CountFields({ leaf, state, onChange, err }: Props<"count">) {
  if (leaf.rule.type !== "count") return null;
  const rule = leaf.rule;
  const distinct = new Set(state.rows.map((r) => r.name.trim()).filter(Boolean)).size;
  const hasNames = distinct > 0;
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">
        {rule.verb ?? ""}
        {rule.itemLabel}清单（每行填写一个{rule.itemLabel}的名称）
      </legend>
      <ShapeError err={err} />
      <NameRows
        prefix="value.items"
        label={`${rule.itemLabel}名称`}
        rows={state.rows}
        onRows={(rows) => onChange({ ...state, rows, none: rows.some((r) => r.name.trim()) ? false : state.none })}
        err={err}
        addLabel={`添加${rule.itemLabel}`}
      />
      <p className="text-sm text-slate-600" aria-live="polite">
        已列出 {distinct} 个{rule.itemLabel}（同名只计一次）
      </p>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={state.none && !hasNames} disabled={hasNames} onChange={(e) => onChange({ ...state, none: e.target.checked })} />
        本单位没有{rule.verb ?? ""}
        {rule.itemLabel}（计 0 个）
      </label>
    </fieldset>
  );
}

function YesNoRadios({ name, legend, value, onChange, err, k }: { name: string; legend: string; value: YesNo; onChange: (v: YesNo) => void; err: ErrorLookup; k: string }) {
  const message = err(k);
  return (
    <fieldset aria-invalid={message ? true : undefined} aria-describedby={message ? `${described(k, message).id}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 flex gap-6">
        {(["yes", "no"] as const).map((v) => (
          <label key={v} className="flex items-center gap-2">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
            {v === "yes" ? "是" : "否"}
          </label>
        ))}
      </div>
      <FieldError k={k} message={message} />
    </fieldset>
  );
}

function TextField({ k, label, value, onChange, err, type = "text", hint, inputMode }: { k: string; label: string; value: string; onChange: (v: string) => void; err: ErrorLookup; type?: string; hint?: string; inputMode?: "numeric" | "decimal" }) {
  const message = err(k);
  const hintId = hint ? `${k}-hint` : undefined;
  const props = described(k, message, hintId);
  return (
    <div>
      <label htmlFor={props.id} className="block font-medium">
        {label}
      </label>
      <input {...props} type={type} inputMode={inputMode} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass} autoComplete="off" />
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError k={k} message={message} />
    </div>
  );
}

function BinaryFields({ leaf, state, onChange, err }: Props<"binary">) {
  if (leaf.rule.type !== "binary") return null;
  const rule = leaf.rule;
  return (
    <div className="space-y-4">
      <ShapeError err={err} />
      {state.notInvolved ? null : (
        <YesNoRadios name="binary-yes" legend={`${rule.yesLabel}？`} value={state.yes} onChange={(yes) => onChange({ ...state, yes })} err={err} k="value.yes" />
      )}
      {leaf.optIn && leaf.modifiers.some((m) => m.kind === "bonus") ? (
        <label className="flex items-start gap-2">
          <input type="checkbox" className="mt-1" checked={!!state.notInvolved} onChange={(e) => onChange({ ...state, notInvolved: e.target.checked, yes: "" })} />
          <span>
            本单位未涉及此项要求，但主动建设（不计本项基础分，只申报下方的加分：
            {leaf.modifiers
              .filter((m) => m.kind === "bonus")
              .map((m) => m.name)
              .join("、")}
            ）
          </span>
        </label>
      ) : null}
      <FieldError k="value.notInvolved" message={err("value.notInvolved")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField k="value.reference" label={rule.referenceLabel ?? "文号或依据"} value={state.reference} onChange={(reference) => onChange({ ...state, reference })} err={err} />
        <TextField k="value.date" label="日期" type="date" value={state.date} onChange={(date) => onChange({ ...state, date })} err={err} />
      </div>
    </div>
  );
}

function RatioFields({ leaf, state, onChange, err }: Props<"ratio">) {
  if (leaf.rule.type !== "ratio") return null;
  const rule = leaf.rule;
  const saturate = rule.saturateAt;
  return (
    <div className="space-y-4">
      <ShapeError err={err} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField k="value.numerator" label={rule.numeratorLabel} inputMode="numeric" value={state.numerator} onChange={(numerator) => onChange({ ...state, numerator })} err={err} />
        <TextField
          k="value.denominator"
          label={`${rule.denominatorLabel ?? "总数"}${saturate !== undefined ? "（可不填）" : ""}`}
          inputMode="numeric"
          value={state.denominator}
          onChange={(denominator) => onChange({ ...state, denominator })}
          err={err}
          hint={saturate !== undefined ? `达到 ${saturate} 个即得满分，不需要填写总数` : undefined}
        />
      </div>
      <fieldset>
        <legend className="font-medium">名称清单（可选；填写时个数须与“{rule.numeratorLabel}”一致）</legend>
        <FieldError k="value.list" message={err("value.list")} />
        <NameRows prefix="value.list" label="名称" rows={state.list} onRows={(list) => onChange({ ...state, list })} err={err} addLabel="添加名称" />
      </fieldset>
      {rule.coverage ? (
        <TextField
          k="value.covered"
          label={`${rule.coverage.label}（可选）`}
          inputMode="numeric"
          value={state.covered ?? ""}
          onChange={(covered) => onChange({ ...state, covered })}
          err={err}
          hint="填写后按本年度口径计分：默认须全部覆盖（代替前提条件的勾选），也可按比例计分"
        />
      ) : null}
    </div>
  );
}

/** Rooms per unit (a deduction kind with an inventory): unit name (blank = this unit) and how many it has. */
function InventoryRows({ leaf, state, onChange, err }: Props<"deduction">) {
  const inv = deductionKinds(leaf).find((k) => k.inventory)?.inventory;
  if (!inv) return null;
  const rows = state.inventory ?? [];
  const unitLabel = inv.group === "county" ? "县（市、区）" : "单位";
  const set = (id: string, patch: Partial<InventoryRow>) => onChange({ ...state, inventory: rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="space-y-2">
      <legend className="font-medium">
        {inv.itemLabel}配备清单（每个{unitLabel}应配 {inv.required} 个；缺少的自动计为扣分事项）
      </legend>
      <p className="text-sm text-slate-600">填报本单位的，{unitLabel}名称可不填；全市汇总填报的，每行一个{unitLabel}。</p>
      {rows.map((r, i) => {
        const uk = `value.inventory.${i}.unit`;
        const ck = `value.inventory.${i}.count`;
        const up = described(uk, err(uk));
        const cp = described(ck, err(ck));
        return (
          <div key={r.id} className="flex flex-wrap items-start gap-2">
            <div>
              <label htmlFor={up.id} className="block text-sm">
                {unitLabel}名称（第 {i + 1} 行）
              </label>
              <input {...up} value={r.unit} onChange={(e) => set(r.id, { unit: e.target.value })} className={smallInputClass} autoComplete="off" />
              <FieldError k={uk} message={err(uk)} />
            </div>
            <div>
              <label htmlFor={cp.id} className="block text-sm">
                已配备{inv.itemLabel}（个）
              </label>
              <input {...cp} inputMode="numeric" value={r.count} onChange={(e) => set(r.id, { count: e.target.value })} className={smallInputClass} autoComplete="off" />
              <FieldError k={ck} message={err(ck)} />
            </div>
            <button type="button" className={`${linkButton} mt-7 text-sm`} aria-label={`删除配备清单第 ${i + 1} 行`} onClick={() => onChange({ ...state, inventory: rows.filter((x) => x.id !== r.id) })}>
              删除
            </button>
          </div>
        );
      })}
      <button type="button" className={`${secondaryButton} text-sm`} onClick={() => onChange({ ...state, none: false, inventory: [...rows, { id: rowId(), unit: "", count: "" }] })}>
        添加一行配备情况
      </button>
    </fieldset>
  );
}

function DeductionFields({ leaf, state, onChange, err }: Props<"deduction">) {
  if (leaf.rule.type !== "deduction") return null;
  const rule = leaf.rule;
  const kinds = deductionKinds(leaf);
  const anyLateFix = kinds.some((k) => k.lateFix);
  const setEvent = (id: string, patch: Partial<EventRow>) => onChange({ ...state, events: state.events.map((e) => (e.id === id ? { ...e, ...patch } : e)) });
  const option = (k: (typeof kinds)[number]) => (
    <option key={k.code} value={k.code}>
      {k.name}（每{k.eventUnit ?? "次"}扣 {pts(k.perEvent)} 分）
    </option>
  );
  const cell = (e: EventRow, i: number, field: keyof EventRow, label: string, type = "text", inputMode?: "numeric") => {
    const k = `value.events.${i}.${field}`;
    const message = err(k);
    const props = described(k, message);
    return (
      <td className="px-2 py-2 align-top">
        <label htmlFor={props.id} className="sr-only">
          第 {i + 1} 条{label}
        </label>
        <input {...props} type={type} inputMode={inputMode} value={e[field]} onChange={(ev) => setEvent(e.id, { [field]: ev.target.value })} className={smallInputClass} autoComplete="off" />
        <FieldError k={k} message={message} />
      </td>
    );
  };
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">扣分事项（每条记录一类事项；同类多次可填次数）</legend>
      <ShapeError err={err} />
      <InventoryRows leaf={leaf} state={state} onChange={onChange} err={err} />
      {state.events.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left">
            <thead className="border-b border-slate-300 text-sm text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1">
                  扣分类型
                </th>
                <th scope="col" className="w-24 px-2 py-1">
                  次数
                </th>
                <th scope="col" className="w-40 px-2 py-1">
                  日期
                </th>
                {anyLateFix ? (
                  <th scope="col" className="w-40 px-2 py-1">
                    整改日期（未整改留空）
                  </th>
                ) : null}
                <th scope="col" className="px-2 py-1">
                  备注
                </th>
                <th scope="col" className="w-16 px-2 py-1">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.events.map((e, i) => {
                const kk = `value.events.${i}.kind`;
                const kindMessage = err(kk);
                const kindProps = described(kk, kindMessage);
                const kind = kinds.find((k) => k.code === e.kind);
                return (
                  <tr key={e.id} className="border-b border-slate-100">
                    <td className="px-2 py-2 align-top">
                      <label htmlFor={kindProps.id} className="sr-only">
                        第 {i + 1} 条扣分类型
                      </label>
                      <select {...kindProps} value={e.kind} onChange={(ev) => setEvent(e.id, { kind: ev.target.value })} className={smallInputClass}>
                        <option value="">请选择…</option>
                        {rule.pools.length > 1
                          ? rule.pools.map((p) => (
                              <optgroup key={p.code} label={`${p.name ?? p.code}（最多扣 ${pts(p.cap)} 分）`}>
                                {p.kinds.map(option)}
                              </optgroup>
                            ))
                          : kinds.map(option)}
                      </select>
                      <FieldError k={kk} message={kindMessage} />
                    </td>
                    {cell(e, i, "count", "次数（默认 1）", "text", "numeric")}
                    {cell(e, i, "date", "日期", "date")}
                    {anyLateFix ? (
                      kind?.lateFix ? (
                        cell(e, i, "fixedDate", "整改日期", "date")
                      ) : (
                        <td className="px-2 py-2 align-top text-sm text-slate-500">不涉及</td>
                      )
                    ) : null}
                    {cell(e, i, "note", "备注")}
                    <td className="px-2 py-2 align-top">
                      <button
                        type="button"
                        className={`${linkButton} mt-1.5 text-sm`}
                        aria-label={`删除第 ${i + 1} 条扣分事项`}
                        onClick={() => onChange({ ...state, events: state.events.filter((x) => x.id !== e.id) })}
                      >
                        删除
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="button"
          className={`${secondaryButton} text-sm`}
          onClick={() => onChange({ ...state, none: false, events: [...state.events, { id: rowId(), kind: kinds.length === 1 ? kinds[0].code : "", count: "", date: "", fixedDate: "", note: "" }] })}
        >
          添加扣分事项
        </button>
        {state.events.length === 0 ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={state.none} onChange={(e) => onChange({ ...state, none: e.target.checked })} />
            本项无扣分事项（得满分 {pts(rule.start)} 分）
          </label>
        ) : null}
      </div>
    </fieldset>
  );
}

function MonthlyFields({ leaf, state, onChange, err }: TierProps<"monthly">) {
  if (leaf.rule.type !== "tiers") return null;
  const months = monthsOf(leaf);
  const columns = leaf.columns ?? [];
  return (
    <fieldset>
      <legend className="font-medium">{leaf.rule.measureLabel}（按月填写）</legend>
      {columns.length > 0 ? (
        <button type="button" className={linkButton} onClick={() => onChange(toColumnsDraft(leaf.rule as { months?: number }, columns))}>
          改为按栏目分别填写（{columns.map((c) => c.name).join("、")}）
        </button>
      ) : null}
      <ShapeError err={err} />
      <FieldError k="value.monthly" message={err("value.monthly")} />
      <div className="mt-2 grid grid-cols-3 gap-3 sm:grid-cols-4 lg:grid-cols-6">
        {Array.from({ length: months }, (_, i) => {
          const k = `value.monthly.${i}`;
          const message = err(k);
          const props = described(k, message);
          return (
            <div key={i}>
              <label htmlFor={props.id} className="block text-sm font-medium">
                {monthLabel(leaf.rule.type === "tiers" ? leaf.rule : {}, i)}
              </label>
              <input
                {...props}
                inputMode="decimal"
                value={state.monthly[i] ?? ""}
                onChange={(e) => onChange({ ...state, monthly: state.monthly.map((m, j) => (j === i ? e.target.value : m)) })}
                className={smallInputClass}
                autoComplete="off"
              />
              <FieldError k={k} message={message} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Monthly counts per column of the 分解表: one row of months per column. */
function ColumnMonthsFields({ leaf, state, onChange, err }: TierProps<"columns">) {
  if (leaf.rule.type !== "tiers") return null;
  const rule = leaf.rule;
  const months = monthsOf(leaf);
  const setCell = (ci: number, i: number, v: string) =>
    onChange({ ...state, columns: state.columns.map((c, j) => (j === ci ? { ...c, monthly: c.monthly.map((m, k) => (k === i ? v : m)) } : c)) });
  return (
    <fieldset>
      <legend className="font-medium">{rule.measureLabel}（按栏目、按月填写；各栏目相加后按月平均）</legend>
      <ShapeError err={err} />
      <FieldError k="value.columns" message={err("value.columns")} />
      <button type="button" className={linkButton} onClick={() => onChange({ type: "tiers", mode: "monthly", monthly: Array.from({ length: months }, () => "") })}>
        改为只填每月合计
      </button>
      {state.columns.map((c, ci) => (
        <div key={c.column} className="mt-3">
          <p className="text-sm font-medium">{c.name}</p>
          <FieldError k={`value.columns.${ci}.column`} message={err(`value.columns.${ci}.column`)} />
          <div className="mt-1 grid grid-cols-3 gap-3 sm:grid-cols-4 lg:grid-cols-6">
            {Array.from({ length: months }, (_, i) => {
              const k = `value.columns.${ci}.monthly.${i}`;
              const message = err(k);
              const props = described(k, message);
              return (
                <div key={i}>
                  <label htmlFor={props.id} className="block text-sm">
                    {c.name} {monthLabel(rule, i)}
                  </label>
                  <input {...props} inputMode="decimal" value={c.monthly[i] ?? ""} onChange={(e) => setCell(ci, i, e.target.value)} className={smallInputClass} autoComplete="off" />
                  <FieldError k={k} message={message} />
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </fieldset>
  );
}

function TierValueField({ leaf, state, onChange, err }: TierProps<"value">) {
  if (leaf.rule.type !== "tiers") return null;
  return (
    <div className="max-w-xs">
      <ShapeError err={err} />
      <TextField k="value.value" label={leaf.rule.measureLabel} inputMode="decimal" value={state.value} onChange={(value) => onChange({ ...state, value })} err={err} />
    </div>
  );
}

function ChoiceFields({ leaf, state, onChange, err }: Props<"choice">) {
  if (leaf.rule.type !== "choice") return null;
  const rule = leaf.rule;
  const toggle = (code: string, on: boolean) => {
    const levels = on ? [...state.levels, code] : state.levels.filter((c) => c !== code);
    onChange({ ...state, levels, none: on ? false : state.none });
  };
  return (
    <fieldset>
      <legend className="font-medium">
        选择级别（可多选；{rule.combine === "highest" ? "按得分最高者计" : "按得分最低者计"}）
      </legend>
      <ShapeError err={err} />
      <div className="mt-2 space-y-2">
        {rule.levels.map((l, i) => (
          <div key={l.code}>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={state.levels.includes(l.code)} onChange={(e) => toggle(l.code, e.target.checked)} />
              {l.name}（{pts(l.points)} 分）
            </label>
            <FieldError k={`value.levels.${i}`} message={err(`value.levels.${i}`)} />
          </div>
        ))}
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={state.none && state.levels.length === 0} onChange={(e) => onChange({ ...state, levels: e.target.checked ? [] : state.levels, none: e.target.checked })} />
          {rule.noneLabel}（{pts(rule.nonePoints)} 分）
        </label>
      </div>
    </fieldset>
  );
}

function RatingNote({ leaf, state }: { leaf: LeafView; state: Extract<ValueState, { type: "rating" }> }) {
  if (leaf.rule.type !== "rating") return null;
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-4 text-slate-700">
      <p>
        本项由审核员在 0–{pts(leaf.rule.max)} 分之间评分，单位无需填写分数；可在下方备注中说明情况，并上传佐证材料。
      </p>
      {"mode" in state ? (
        <p className="mt-1">已记录的栏目评分：{state.columns.filter((c) => c.score).map((c) => `${c.name} ${c.score} 分`).join("；")}</p>
      ) : state.score !== null ? (
        <p className="mt-1">已记录的评分：{state.score} 分</p>
      ) : null}
    </div>
  );
}

function VetoFields({ leaf, state, onChange, err }: Props<"veto">) {
  if (leaf.rule.type !== "veto") return null;
  return (
    <div className="space-y-4">
      <ShapeError err={err} />
      <YesNoRadios name="veto-triggered" legend={`是否发生：${leaf.rule.condition}`} value={state.triggered} onChange={(triggered) => onChange({ ...state, triggered })} err={err} k="value.triggered" />
      <TextField k="value.reason" label="说明" value={state.reason} onChange={(reason) => onChange({ ...state, reason })} err={err} />
    </div>
  );
}
