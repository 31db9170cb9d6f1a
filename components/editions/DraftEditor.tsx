"use client";
// The draft editor: the indicator tree (add, remove, move, indent, rename), the selected
// item's texts, points, 考核方式, responsible units (牵头/配合) and rule parameters (the
// rule type module's own parameter form), the units, the website 分解表, and the edition's
// reading options. Every
// change is validated at once by the same validator as `npm run rules:check`; errors show
// next to their field; 保存 is refused while any error remains; a concurrent save shows
// the version conflict dialog.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { saveDraftAction } from "@/app/editions/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import type { RuleForm, ParamField } from "@/lib/authoring/rule-forms";
import { continuedOf, recodeContinued, setContinued } from "@/lib/authoring/previous";
import { checkEditionData } from "@/lib/authoring/schema";
import { addChild, addSibling, findNode, indentNode, moveNode, removeNode, updateNode } from "@/lib/authoring/tree";
import { READINGS, READING_KEYS } from "@/lib/rules/readings";
import { VERIFICATION_METHODS, type TEdition, type TIndicator, type TPoints, type TResponsible, type TRule } from "@/lib/rules/schema";
import { placeIssue, type PlacedIssue } from "./issue-paths";
import { ColumnsEditor } from "./ColumnsEditor";
import { UnitsEditor } from "./UnitsEditor";

/** The edition the draft continues (edition.previous.edition), with its items for 沿用上年指标. */
export type PreviousItems = { key: string; name: string; items: { code: string; label: string }[] } | null;

type Props = { id: number; revision: number; edition: TEdition; ruleForms: RuleForm[]; previous?: PreviousItems };

const pointsIn = (s: string): TPoints => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim());
const input = "w-full rounded border border-slate-300 px-2 py-1";

function FieldError({ issues, field }: { issues: PlacedIssue[]; field: string }) {
  const mine = issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`));
  if (!mine.length) return null;
  return (
    <ul className="mt-1 text-sm" data-testid={`error-${field}`}>
      {mine.map((i, k) => (
        <li key={k} className={i.severity === "error" ? "text-red-700" : "text-amber-800"}>
          {i.severity === "error" ? "错误：" : "提示："}
          {i.message}
        </li>
      ))}
    </ul>
  );
}

export function DraftEditor(props: Props) {
  const router = useRouter();
  const [edition, setEdition] = useState<TEdition>(props.edition);
  const [revision, setRevision] = useState(props.revision);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string>(props.edition.parts[0].indicators[0].code);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [conflict, setConflict] = useState<{ revision: number; edition: TEdition } | null>(null);
  const [pending, start] = useTransition();

  const check = useMemo(() => checkEditionData(edition), [edition]);
  const issues = useMemo(
    () => [...(check.ok ? [] : check.errors.map((i) => placeIssue(edition, i, "error"))), ...check.warnings.map((i) => placeIssue(edition, i, "warning"))],
    [check, edition],
  );
  const rawIssues = useMemo(
    () => [...(check.ok ? [] : check.errors.map((issue) => ({ issue, severity: "error" as const }))), ...check.warnings.map((issue) => ({ issue, severity: "warning" as const }))],
    [check],
  );
  const errorCount = check.ok ? 0 : check.errors.length;
  const node = findNode(edition, selected);
  const nodeIssues = issues.filter((i) => i.node === selected);
  const change = (next: TEdition) => {
    setEdition(next);
    setDirty(true);
    setMessage(null);
  };
  const patch = (fn: (n: TIndicator) => TIndicator) => change(updateNode(edition, selected, fn));

  const save = (force?: number) =>
    start(async () => {
      const r = await saveDraftAction({ id: props.id, expectedRevision: force ?? revision, data: edition });
      if (!r.ok) return setMessage({ ok: false, text: r.error });
      if (!r.data.saved) return setConflict(r.data.conflict);
      setRevision(r.data.revision);
      setDirty(false);
      setConflict(null);
      setMessage({ ok: true, text: "已保存。" });
      router.refresh();
    });

  const tree = (list: TIndicator[], depth: number): React.ReactNode => (
    <ul className={depth ? "ml-4 border-l border-slate-200 pl-2" : ""}>
      {list.map((n) => {
        const bad = issues.some((i) => i.node === n.code && i.severity === "error");
        return (
          <li key={n.code}>
            <button
              type="button"
              onClick={() => setSelected(n.code)}
              aria-current={n.code === selected ? "true" : undefined}
              className={`w-full truncate rounded px-1 text-left ${n.code === selected ? "bg-brand-100 font-medium" : "hover:bg-slate-100"} ${bad ? "text-red-700" : ""}`}
            >
              {bad ? "⚠ " : ""}
              {n.name} <span className="text-sm text-slate-500">{String(n.max)}分</span>
            </button>
            {n.children?.length ? tree(n.children, depth + 1) : null}
          </li>
        );
      })}
    </ul>
  );

  const previousCodes = useMemo(() => new Set((props.previous?.items ?? []).map((i) => i.code)), [props.previous]);
  const unitOptions = [...edition.units.map((u) => u.name), ...edition.collectives.map((c) => c.name)];
  const isLeaf = node && !node.children?.length;
  const form = node?.rule ? props.ruleForms.find((f) => f.type === node.rule!.type) : undefined;

  return (
    <div>
      <div className="sticky top-0 z-10 mb-4 flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50 py-2">
        <button type="button" className={primaryButton} disabled={pending || errorCount > 0 || !dirty} onClick={() => save()}>
          {pending ? "正在保存…" : "保存草稿"}
        </button>
        <Link href={`/editions/${props.id}`} className="underline">
          查看差异与试算
        </Link>
        <span aria-live="polite" data-testid="editor-status">
          {errorCount > 0 ? <span className="text-red-700">有 {errorCount} 处错误，改正后才能保存</span> : dirty ? "有未保存的修改" : "已是最新"}
          {message ? <span className={`ml-2 ${message.ok ? "text-emerald-800" : "text-red-700"}`}>{message.text}</span> : null}
        </span>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(16rem,1fr)_2fr]">
        <nav aria-label="指标树" className="rounded-lg bg-white p-3">
          <h2 className="mb-2 font-bold">指标树</h2>
          {edition.parts.map((p) => (
            <section key={p.code} className="mb-3">
              <h3 className="font-medium text-slate-700">{p.name}</h3>
              {tree(p.indicators, 0)}
            </section>
          ))}
        </nav>
        <div className="grid gap-4">
          {node ? (
            <section aria-label="指标" className="grid gap-3 rounded-lg bg-white p-4">
              <div className="flex flex-wrap gap-2">
                <button type="button" className={secondaryButton} onClick={() => change(moveNode(edition, selected, -1))}>
                  上移
                </button>
                <button type="button" className={secondaryButton} onClick={() => change(moveNode(edition, selected, 1))}>
                  下移
                </button>
                <button type="button" className={secondaryButton} onClick={() => change(indentNode(edition, selected, "in"))}>
                  降级
                </button>
                <button type="button" className={secondaryButton} onClick={() => change(indentNode(edition, selected, "out"))}>
                  升级
                </button>
                <button
                  type="button"
                  className={secondaryButton}
                  onClick={() => {
                    const r = addSibling(edition, selected);
                    change(r.edition);
                    setSelected(r.code);
                  }}
                >
                  添加同级指标
                </button>
                <button
                  type="button"
                  className={secondaryButton}
                  onClick={() => {
                    const r = addChild(edition, selected);
                    change(r.edition);
                    setSelected(r.code);
                  }}
                >
                  添加下级指标
                </button>
                <button
                  type="button"
                  className={secondaryButton}
                  onClick={() => {
                    change(removeNode(edition, selected));
                    setSelected(edition.parts[0].indicators[0].code === selected ? (edition.parts[0].indicators[1]?.code ?? selected) : edition.parts[0].indicators[0].code);
                  }}
                >
                  删除本指标
                </button>
              </div>
              <FieldError issues={nodeIssues} field="node" />
              <div className="grid gap-3 sm:grid-cols-3">
                <label className="block">
                  <span className="text-sm font-medium">指标代码</span>
                  <input
                    className={input}
                    aria-label="指标代码"
                    value={node.code}
                    onChange={(e) => (change(recodeContinued(updateNode(edition, selected, (n) => ({ ...n, code: e.target.value })), selected, e.target.value, previousCodes)), setSelected(e.target.value))}
                  />
                  <FieldError issues={nodeIssues} field="code" />
                </label>
                <label className="block sm:col-span-2">
                  <span className="text-sm font-medium">指标名称</span>
                  <input className={input} aria-label="指标名称" value={node.name} onChange={(e) => patch((n) => ({ ...n, name: e.target.value }))} />
                  <FieldError issues={nodeIssues} field="name" />
                </label>
                <label className="block">
                  <span className="text-sm font-medium">分值</span>
                  <input className={input} aria-label="分值" inputMode="decimal" value={String(node.max)} onChange={(e) => patch((n) => ({ ...n, max: pointsIn(e.target.value) }))} />
                  <FieldError issues={nodeIssues} field="max" />
                </label>
              </div>
              <ContinuedField edition={edition} code={node.code} previous={props.previous ?? null} issues={nodeIssues} onChange={change} />
              {(["content", "requirement", "explanation", "scoring"] as const).map((k) => (
                <label key={k} className="block">
                  <span className="text-sm font-medium">{{ content: "考核内容", requirement: "考核要求", explanation: "考核说明", scoring: "评分标准" }[k]}</span>
                  <textarea
                    className={input}
                    rows={2}
                    value={node.text?.[k] ?? ""}
                    onChange={(e) => patch((n) => ({ ...n, text: { ...n.text, [k]: e.target.value || undefined } }))}
                  />
                </label>
              ))}
              <fieldset>
                <legend className="text-sm font-medium">考核方式</legend>
                <div className="flex flex-wrap gap-3">
                  {VERIFICATION_METHODS.map((m) => (
                    <label key={m} className="flex items-center gap-1">
                      <input
                        type="checkbox"
                        checked={(node.methods ?? []).includes(m)}
                        onChange={(e) =>
                          patch((n) => {
                            const next = e.target.checked ? [...(n.methods ?? []), m] : (n.methods ?? []).filter((x) => x !== m);
                            return { ...n, methods: next.length ? VERIFICATION_METHODS.filter((x) => next.includes(x)) : undefined };
                          })
                        }
                      />
                      {m}
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset>
                <legend className="text-sm font-medium">责任单位</legend>
                <ul className="grid gap-1">
                  {(node.responsible ?? []).map((r, i) => (
                    <li key={i} className="flex flex-wrap items-center gap-2">
                      <select
                        aria-label={`责任单位 ${i + 1}`}
                        className="rounded border border-slate-300 px-2 py-1"
                        value={r.unit}
                        onChange={(e) => patch((n) => ({ ...n, responsible: n.responsible!.map((x, j) => (j === i ? { ...x, unit: e.target.value } : x)) }))}
                      >
                        {unitOptions.includes(r.unit) ? null : <option value={r.unit}>{r.unit}</option>}
                        {unitOptions.map((u) => (
                          <option key={u} value={u}>
                            {u}
                          </option>
                        ))}
                      </select>
                      <select
                        aria-label={`责任单位 ${i + 1} 的角色`}
                        className="rounded border border-slate-300 px-2 py-1"
                        value={r.role}
                        onChange={(e) => patch((n) => ({ ...n, responsible: n.responsible!.map((x, j) => (j === i ? { ...x, role: e.target.value as TResponsible["role"] } : x)) }))}
                      >
                        <option value="lead">牵头</option>
                        <option value="cooperate">配合</option>
                      </select>
                      {r.note ? <span className="text-sm text-slate-600">{r.note}</span> : null}
                      <button type="button" className="underline" onClick={() => patch((n) => ({ ...n, responsible: n.responsible!.filter((_, j) => j !== i) }))}>
                        移除
                      </button>
                    </li>
                  ))}
                </ul>
                <button
                  type="button"
                  className="mt-1 underline"
                  onClick={() => patch((n) => ({ ...n, responsible: [...(n.responsible ?? []), { unit: edition.units[0].name, role: "lead", inferred: false }] }))}
                >
                  添加责任单位
                </button>
                <FieldError issues={nodeIssues} field="responsible" />
              </fieldset>
              {isLeaf ? (
                <fieldset className="rounded border border-slate-200 p-3">
                  <legend className="px-1 text-sm font-medium">计分规则</legend>
                  <label className="block">
                    <span className="text-sm">规则类型</span>
                    <select
                      aria-label="规则类型"
                      className="rounded border border-slate-300 px-2 py-1"
                      value={node.rule?.type ?? ""}
                      onChange={(e) => patch((n) => ({ ...n, rule: { type: e.target.value } as TRule }))}
                    >
                      {node.rule ? null : <option value="">（请选择）</option>}
                      {props.ruleForms.map((f) => (
                        <option key={f.type} value={f.type}>
                          {f.label}（{f.type}）
                        </option>
                      ))}
                    </select>
                  </label>
                  {form ? <RuleFields fields={form.fields} rule={node.rule!} issues={nodeIssues} onChange={(rule) => patch((n) => ({ ...n, rule }))} /> : null}
                  <FieldError issues={nodeIssues} field="rule" />
                </fieldset>
              ) : null}
              {node.readings?.length ? (
                <div className="text-sm text-slate-700">
                  本指标记录的口径：{node.readings.map((r) => `${r.id}（${r.chosen}）`).join("；")}
                </div>
              ) : null}
            </section>
          ) : (
            <p>请在左侧选择指标。</p>
          )}
          <EditionSettings edition={edition} issues={issues} onChange={change} />
          <UnitsEditor edition={edition} issues={rawIssues} onChange={change} />
          <ColumnsEditor edition={edition} issues={rawIssues} onChange={change} />
          <details className="rounded-lg bg-white p-4">
            <summary className="font-medium">全部校验结果（错误 {errorCount}，提示 {check.warnings.length}）</summary>
            <ul className="mt-2 text-sm">
              {issues.map((i, k) => (
                <li key={k} className={i.severity === "error" ? "text-red-700" : "text-amber-800"}>
                  {i.node ? (
                    <button type="button" className="underline" onClick={() => setSelected(i.node!)}>
                      {i.node}
                    </button>
                  ) : (
                    i.field
                  )}
                  ：{i.message}
                </li>
              ))}
            </ul>
          </details>
        </div>
      </div>
      <ConfirmDialog
        open={conflict !== null}
        title="草稿已被他人修改"
        confirmLabel="用我的修改覆盖"
        pending={pending}
        onClose={() => {
          if (conflict) {
            setEdition(conflict.edition);
            setRevision(conflict.revision);
            setDirty(false);
            setConflict(null);
            setMessage({ ok: true, text: "已载入对方保存的版本，您的修改已放弃。" });
          }
        }}
        onConfirm={() => conflict && save(conflict.revision)}
      >
        您编辑期间，其他人已保存了这份草稿（修订 {conflict?.revision}）。选择“用我的修改覆盖”将以您的内容保存；选择“取消”将放弃您的修改并载入对方的版本。
      </ConfirmDialog>
    </div>
  );
}

const SAME = "__same__";
const NONE = "__none__";

/** 沿用上年指标: which item of the previous edition this item continues (default: the same code). */
function ContinuedField({ edition, code, previous, issues, onChange }: { edition: TEdition; code: string; previous: PreviousItems; issues: PlacedIssue[]; onChange: (e: TEdition) => void }) {
  if (!edition.previous) return null;
  if (!previous) {
    return <p className="text-sm text-slate-600">沿用上年指标：上年版本 {edition.previous.edition} 不在系统中，按指标代码对应。</p>;
  }
  const c = continuedOf(edition, code);
  const same = previous.items.find((i) => i.code === code);
  const value = c.kind === "same" ? SAME : c.kind === "none" ? NONE : c.code;
  return (
    <label className="block">
      <span className="text-sm font-medium">沿用上年指标</span>
      <span className="ml-2 text-sm text-slate-600">（{previous.name}中本指标延续的指标；试算和历年对比按它对应）</span>
      <select
        className={input}
        aria-label="沿用上年指标"
        value={value}
        onChange={(e) => onChange(setContinued(edition, code, e.target.value === SAME ? { kind: "same" } : e.target.value === NONE ? { kind: "none" } : { kind: "item", code: e.target.value }))}
      >
        <option value={SAME}>{same ? `同代码：${same.label}` : "同代码（上年没有此代码，视为新增指标）"}</option>
        <option value={NONE}>不沿用（新增指标）</option>
        {c.kind === "item" && !previous.items.some((i) => i.code === c.code) ? <option value={c.code}>{c.code}（上年没有此指标）</option> : null}
        {previous.items.map((i) => (
          <option key={i.code} value={i.code}>
            {i.label}
          </option>
        ))}
      </select>
      <FieldError issues={issues} field="previous" />
    </label>
  );
}

function RuleFields({ fields, rule, issues, onChange }: { fields: ParamField[]; rule: TRule; issues: PlacedIssue[]; onChange: (r: TRule) => void }) {
  const r = rule as Record<string, unknown>;
  const set = (k: string, v: unknown) => onChange({ ...r, [k]: v === "" || v === undefined ? undefined : v } as TRule);
  return (
    <div className="mt-2 grid gap-2 sm:grid-cols-2">
      {fields.map((f) => {
        const label = `${f.label}${f.required ? "" : "（可选）"}`;
        const id = `rule-${f.key}`;
        let control: React.ReactNode;
        if (f.kind === "boolean") control = <input id={id} type="checkbox" checked={Boolean(r[f.key])} onChange={(e) => set(f.key, e.target.checked || undefined)} />;
        else if (f.kind === "enum")
          control = (
            <select id={id} className={input} value={String(r[f.key] ?? "")} onChange={(e) => set(f.key, e.target.value)}>
              <option value="">（未选）</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        else if (f.kind === "json") control = <JsonField id={id} value={r[f.key]} onChange={(v) => set(f.key, v)} />;
        else
          control = (
            <input
              id={id}
              className={input}
              inputMode={f.kind === "text" ? undefined : "decimal"}
              value={r[f.key] === undefined ? "" : String(r[f.key])}
              onChange={(e) => set(f.key, f.kind === "points" ? (e.target.value.trim() ? pointsIn(e.target.value) : "") : f.kind === "integer" ? (e.target.value ? Number(e.target.value) : "") : e.target.value)}
            />
          );
        return (
          <div key={f.key} className={f.kind === "json" ? "sm:col-span-2" : ""}>
            <div className="flex gap-2 text-sm">
              <label htmlFor={id}>{label}</label>
              <span className="text-slate-500">{f.key}</span>
            </div>
            {control}
            {f.hint ? <p className="text-sm text-slate-600">{f.hint}</p> : null}
            <FieldError issues={issues} field={`rule.${f.key}`} />
          </div>
        );
      })}
    </div>
  );
}

function JsonField({ id, value, onChange }: { id: string; value: unknown; onChange: (v: unknown) => void }) {
  const [text, setText] = useState(value === undefined ? "" : JSON.stringify(value, null, 1));
  const [bad, setBad] = useState(false);
  return (
    <>
      <textarea
        id={id}
        className={`${input} font-mono text-sm`}
        rows={4}
        value={text}
        aria-invalid={bad || undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            onChange(text.trim() ? JSON.parse(text) : undefined);
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad ? <p className="text-sm text-red-700">不是有效的 JSON，未应用</p> : null}
    </>
  );
}

function EditionSettings({ edition, issues, onChange }: { edition: TEdition; issues: PlacedIssue[]; onChange: (e: TEdition) => void }) {
  const top = issues.filter((i) => i.node === null);
  return (
    <section aria-label="版本设置" className="grid gap-3 rounded-lg bg-white p-4">
      <h2 className="font-bold">版本设置</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block sm:col-span-2">
          <span className="text-sm font-medium">版本名称</span>
          <input className={input} aria-label="版本名称" value={edition.name} onChange={(e) => onChange({ ...edition, name: e.target.value })} />
          <FieldError issues={top} field="name" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">年度</span>
          <input className={input} aria-label="年度" inputMode="numeric" value={String(edition.year)} onChange={(e) => onChange({ ...edition, year: Number(e.target.value) || 0 })} />
          <FieldError issues={top} field="year" />
        </label>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">口径选择</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {READING_KEYS.map((k) => {
            const def = READINGS[k] as { question: { zh: string }; options: Record<string, { zh: string }>; default: string };
            return (
              <label key={k} className="block text-sm">
                <span>
                  {k}：{def.question.zh}
                </span>
                <select
                  className={input}
                  value={edition.readings?.[k] ?? def.default}
                  onChange={(e) => onChange({ ...edition, readings: { ...edition.readings, [k]: e.target.value } })}
                >
                  {Object.entries(def.options).map(([o, d]) => (
                    <option key={o} value={o}>
                      {o}：{d.zh}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </div>
        <FieldError issues={top} field="readings" />
      </fieldset>
    </section>
  );
}
