"use client";
// The draft's website 分解表: each part's columns as the seed's table (栏目, 保障内容, 责任单位
// with 牵头/配合), added, renamed, re-coded (items that assess the column follow), moved and
// removed. Errors of the validator sit under their row.
import { useEffect, useRef } from "react";
import { secondaryButton } from "@/components/ui/buttons";
import { addChildColumn, addSiblingColumn, addTopColumn, columnOfIssuePath, columnReferences, moveColumn, removeColumn, updateColumn } from "@/lib/authoring/columns";
import { isLeaf, walkColumns } from "@/lib/rules/resolve";
import type { TColumn, TEdition, TResponsible } from "@/lib/rules/schema";
import type { Issue } from "@/lib/rules/validate";

const input = "w-full rounded border border-slate-300 px-2 py-1";
const small = "rounded border border-slate-300 px-1 py-0.5";

type Props = { edition: TEdition; issues: { issue: Issue; severity: "error" | "warning" }[]; onChange: (e: TEdition) => void };
type RowIssue = { field: string; message: string; severity: "error" | "warning" };

function RowIssues({ list, code }: { list: RowIssue[]; code: string }) {
  if (!list.length) return null;
  return (
    <ul className="text-sm" data-testid={`column-error-${code}`}>
      {list.map((x, k) => (
        <li key={k} className={x.severity === "error" ? "text-red-700" : "text-amber-800"}>
          {x.severity === "error" ? "错误：" : "提示："}
          {x.message}
        </li>
      ))}
    </ul>
  );
}

/** Rows in table order, with a key by position (a code being typed must not remount its input). */
function rows(columns: TColumn[]): { col: TColumn; depth: number; key: string }[] {
  const out: { col: TColumn; depth: number; key: string }[] = [];
  const walk = (list: TColumn[], depth: number, prefix: string) =>
    list.forEach((col, i) => {
      out.push({ col, depth, key: `${prefix}${i}` });
      if (col.children) walk(col.children, depth + 1, `${prefix}${i}.`);
    });
  walk(columns, 0, "");
  return out;
}

export function ColumnsEditor({ edition, issues, onChange }: Props) {
  const box = useRef<HTMLDetailsElement>(null);
  const byColumn = new Map<string, RowIssue[]>();
  for (const { issue, severity } of issues) {
    const m = /^part(\d+)\.yaml$/.exec(issue.file);
    const at = m ? columnOfIssuePath(edition, Number(m[1]) - 1, issue.path) : null;
    if (at) byColumn.set(at.code, [...(byColumn.get(at.code) ?? []), { field: at.field, message: issue.message, severity }]);
  }
  const errors = [...byColumn.values()].flat().filter((i) => i.severity === "error").length;
  // opened when a column has an error, never closed for the user (as the units editor)
  useEffect(() => {
    if (errors > 0 && box.current) box.current.open = true;
  }, [errors]);
  const parts = edition.parts.map((p, i) => ({ part: p, index: i })).filter(({ part }) => part.columns?.length);
  if (parts.length === 0) return null;
  const unitOptions = [...edition.units.map((u) => u.name), ...edition.collectives.map((c) => c.name)];
  const count = parts.reduce((n, { part }) => n + [...walkColumns(part.columns!)].length, 0);
  const setResponsible = (code: string, list: TResponsible[]) => onChange(updateColumn(edition, code, { responsible: list }));

  return (
    <details ref={box} className="rounded-lg bg-white p-4" data-testid="columns-editor">
      <summary className="font-bold">
        网站栏目分解表（{count} 个栏目）{errors > 0 ? <span className="ml-2 font-normal text-red-700">有 {errors} 处错误</span> : null}
      </summary>
      <p className="my-2 text-sm text-slate-700">末级栏目写保障内容和责任单位；有下级的栏目只是分组。改栏目代码时，按此栏目考核的指标一并更新。</p>
      {parts.map(({ part, index }) => (
        <section key={part.code} className="mt-3">
          <h3 className="font-medium">{part.name}</h3>
          <div className="max-w-full overflow-x-auto">
            <table className="w-full border-collapse text-left" aria-label={`${part.name}分解表`}>
              <thead className="bg-slate-100 text-sm">
                <tr>
                  <th className="p-1">栏目</th>
                  <th className="p-1">代码</th>
                  <th className="p-1">保障内容</th>
                  <th className="p-1">责任单位</th>
                  <th className="p-1">操作</th>
                </tr>
              </thead>
              <tbody>
                {rows(part.columns!).map(({ col, depth, key }) => {
                  const refs = columnReferences(edition, col.code);
                  const leaf = isLeaf(col);
                  const mine = byColumn.get(col.code) ?? [];
                  return (
                    <tr key={key} data-column={col.code} className="border-t border-slate-200 align-top">
                      <td className="p-1" style={{ paddingLeft: `${0.25 + depth * 1.25}rem` }}>
                        <input className={input} aria-label={`栏目 ${key} 名称`} value={col.name} onChange={(e) => onChange(updateColumn(edition, col.code, { name: e.target.value }))} />
                        <RowIssues list={mine} code={col.code} />
                      </td>
                      <td className="p-1">
                        <input className={input} aria-label={`栏目 ${key} 代码`} value={col.code} onChange={(e) => onChange(updateColumn(edition, col.code, { code: e.target.value }))} />
                      </td>
                      <td className="p-1">
                        {leaf ? (
                          <textarea className={input} rows={2} aria-label={`栏目 ${key} 保障内容`} value={col.content ?? ""} onChange={(e) => onChange(updateColumn(edition, col.code, { content: e.target.value }))} />
                        ) : (
                          <span className="text-sm text-slate-500">（分组）</span>
                        )}
                      </td>
                      <td className="p-1">
                        {leaf ? (
                          <ul className="grid gap-1">
                            {(col.responsible ?? []).map((r, i) => (
                              <li key={i} className="flex flex-wrap items-center gap-1">
                                <select
                                  className={small}
                                  aria-label={`栏目 ${key} 责任单位（第 ${i + 1} 个）`}
                                  value={r.unit}
                                  onChange={(e) => setResponsible(col.code, col.responsible!.map((x, j) => (j === i ? { ...x, unit: e.target.value, inferred: false } : x)))}
                                >
                                  {unitOptions.includes(r.unit) ? null : <option value={r.unit}>{r.unit}</option>}
                                  {unitOptions.map((u) => (
                                    <option key={u} value={u}>
                                      {u}
                                    </option>
                                  ))}
                                </select>
                                <select
                                  className={small}
                                  aria-label={`栏目 ${key} 责任单位（第 ${i + 1} 个）的角色`}
                                  value={r.role}
                                  onChange={(e) => setResponsible(col.code, col.responsible!.map((x, j) => (j === i ? { ...x, role: e.target.value as TResponsible["role"] } : x)))}
                                >
                                  <option value="lead">牵头</option>
                                  <option value="cooperate">配合</option>
                                </select>
                                <button type="button" className="text-sm underline" onClick={() => setResponsible(col.code, col.responsible!.filter((_, j) => j !== i))}>
                                  移除
                                </button>
                              </li>
                            ))}
                            <li>
                              <button type="button" className="text-sm underline" onClick={() => setResponsible(col.code, [...(col.responsible ?? []), { unit: edition.units[0].name, role: "lead", inferred: false }])}>
                                添加栏目责任单位
                              </button>
                            </li>
                          </ul>
                        ) : null}
                      </td>
                      <td className="p-1">
                        <div className="flex flex-wrap gap-x-2 text-sm">
                          <button type="button" className="underline" onClick={() => onChange(moveColumn(edition, col.code, -1))}>
                            上移
                          </button>
                          <button type="button" className="underline" onClick={() => onChange(moveColumn(edition, col.code, 1))}>
                            下移
                          </button>
                          <button type="button" className="underline" onClick={() => onChange(addSiblingColumn(edition, col.code).edition)}>
                            添加同级
                          </button>
                          <button type="button" className="underline" onClick={() => onChange(addChildColumn(edition, col.code).edition)}>
                            添加下级
                          </button>
                          {refs.length > 0 ? (
                            <span className="text-slate-600" title={refs.join("、")}>
                              {refs.length} 个指标按此栏目考核
                            </span>
                          ) : (
                            <button type="button" className="underline" onClick={() => onChange(removeColumn(edition, col.code))}>
                              删除
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button type="button" className={`${secondaryButton} mt-2`} onClick={() => onChange(addTopColumn(edition, index).edition)}>
            添加一级栏目
          </button>
        </section>
      ))}
    </details>
  );
}
