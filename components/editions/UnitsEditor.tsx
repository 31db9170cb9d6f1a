"use client";
// The draft's units: 市直部门 and 县（市、区）, each with its code, name, group and aliases (the
// spellings items may use). Errors of the validator sit under their row.
import { useEffect, useRef, useState } from "react";
import { secondaryButton } from "@/components/ui/buttons";
import { addUnit, removeUnit, UNIT_GROUP_LABELS, unitReferences, updateUnit } from "@/lib/authoring/units";
import type { TEdition, TUnitGroup } from "@/lib/rules/schema";
import type { Issue } from "@/lib/rules/validate";

const input = "w-full rounded border border-slate-300 px-2 py-1";

type Props = { edition: TEdition; issues: { issue: Issue; severity: "error" | "warning" }[]; onChange: (e: TEdition) => void };
type RowIssue = { field: string; message: string; severity: "error" | "warning" };

function CellIssues({ list, field, row }: { list: RowIssue[]; field: string; row: number }) {
  const mine = list.filter((x) => x.field === field || (field === "aliases" && x.field === ""));
  if (!mine.length) return null;
  return (
    <ul className="text-sm" data-testid={`unit-error-${row}-${field}`}>
      {mine.map((x, k) => (
        <li key={k} className={x.severity === "error" ? "text-red-700" : "text-amber-800"}>
          {x.severity === "error" ? "错误：" : "提示："}
          {x.message}
        </li>
      ))}
    </ul>
  );
}

export function UnitsEditor({ edition, issues, onChange }: Props) {
  const [added, setAdded] = useState<string | null>(null);
  const box = useRef<HTMLDetailsElement>(null);
  const byRow = new Map<number, RowIssue[]>();
  const general: { message: string; severity: "error" | "warning" }[] = [];
  for (const { issue, severity } of issues) {
    if (issue.file !== "units.yaml") continue;
    const m = /^units\[(\d+)\]\.?([a-z]*)/.exec(issue.path);
    if (m) byRow.set(Number(m[1]), [...(byRow.get(Number(m[1])) ?? []), { field: m[2], message: issue.message, severity }]);
    else general.push({ message: issue.message, severity });
  }
  const errors = [...byRow.values()].flat().filter((i) => i.severity === "error").length + general.filter((i) => i.severity === "error").length;
  // opened when a unit has an error, never closed for the user (an `open` prop would close it when the error goes)
  useEffect(() => {
    if (errors > 0 && box.current) box.current.open = true;
  }, [errors]);
  const add = (group: Exclude<TUnitGroup, "city">) => {
    const r = addUnit(edition, group);
    onChange(r.edition);
    setAdded(r.code);
  };
  return (
    <details ref={box} className="rounded-lg bg-white p-4" data-testid="units-editor">
      <summary className="font-bold">
        单位（{edition.units.filter((u) => u.group !== "city").length}）{errors > 0 ? <span className="ml-2 font-normal text-red-700">有 {errors} 处错误</span> : null}
      </summary>
      <p className="my-2 text-sm text-slate-700">别名用顿号分隔（如 发改委、市发展改革委）。指标的责任单位可写单位代码、名称或别名；改名时已引用旧名称的指标一并更新。</p>
      <div className="max-w-full overflow-x-auto">
        <table className="w-full border-collapse text-left" aria-label="单位列表">
          <thead className="bg-slate-100 text-sm">
            <tr>
              <th className="p-1">代码</th>
              <th className="p-1">名称</th>
              <th className="p-1">分组</th>
              <th className="p-1">别名</th>
              <th className="p-1">操作</th>
            </tr>
          </thead>
          <tbody>
            {edition.units.map((u, i) => {
              const mine = byRow.get(i) ?? [];
              const refs = unitReferences(edition, u);
              return (
                <tr key={i} data-unit={u.code} className="border-t border-slate-200 align-top">
                  <td className="p-1">
                    <input className={input} aria-label={`单位 ${i + 1} 代码`} aria-invalid={mine.some((x) => x.field === "code" && x.severity === "error") || undefined} value={u.code} onChange={(e) => onChange(updateUnit(edition, i, { code: e.target.value }))} />
                    <CellIssues list={mine} field="code" row={i} />
                  </td>
                  <td className="p-1">
                    <input className={input} aria-label={`单位 ${i + 1} 名称`} aria-invalid={mine.some((x) => x.field === "name" && x.severity === "error") || undefined} autoFocus={u.code === added} value={u.name} onChange={(e) => onChange(updateUnit(edition, i, { name: e.target.value }))} />
                    <CellIssues list={mine} field="name" row={i} />
                  </td>
                  <td className="p-1">
                    {u.group === "city" ? (
                      UNIT_GROUP_LABELS.city
                    ) : (
                      <select className={input} aria-label={`单位 ${i + 1} 分组`} value={u.group} onChange={(e) => onChange(updateUnit(edition, i, { group: e.target.value as TUnitGroup }))}>
                        <option value="department">{UNIT_GROUP_LABELS.department}</option>
                        <option value="county">{UNIT_GROUP_LABELS.county}</option>
                      </select>
                    )}
                    <CellIssues list={mine} field="group" row={i} />
                  </td>
                  <td className="p-1">
                    <input
                      key={u.aliases.join("、")}
                      className={input}
                      aria-label={`单位 ${i + 1} 别名`}
                      defaultValue={u.aliases.join("、")}
                      onBlur={(e) => {
                        const aliases = e.target.value.split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean);
                        if (aliases.join("、") !== u.aliases.join("、")) onChange(updateUnit(edition, i, { aliases }));
                      }}
                    />
                    <CellIssues list={mine} field="aliases" row={i} />
                  </td>
                  <td className="p-1">
                    {u.group === "city" ? null : refs.length > 0 ? (
                      <span className="text-sm text-slate-600" title={refs.join("、")}>
                        {refs.length} 个指标的责任单位
                      </span>
                    ) : (
                      <button type="button" className="underline" onClick={() => onChange(removeUnit(edition, i))}>
                        移除
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {general.length ? (
        <ul className="mt-2 text-sm" data-testid="units-errors">
          {general.map((x, k) => (
            <li key={k} className={x.severity === "error" ? "text-red-700" : "text-amber-800"}>
              {x.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className={secondaryButton} onClick={() => add("department")}>
          添加市直部门
        </button>
        <button type="button" className={secondaryButton} onClick={() => add("county")}>
          添加县（市、区）
        </button>
      </div>
    </details>
  );
}
