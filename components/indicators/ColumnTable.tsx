import type { TColumnView } from "@/lib/indicators/view";
import { Highlight } from "./Highlight";
import type { TRenderCtx } from "./render-context";
import { UnitList } from "./UnitList";

function flatten(nodes: TColumnView[]): TColumnView[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

function countLeaves(n: TColumnView): number {
  return n.leaf ? 1 : n.children.reduce((s, c) => s + countLeaves(c), 0);
}

function Same() {
  return <span className="mr-1 font-semibold text-slate-800" title="原表此格为空，沿用上一行">（同上）</span>;
}

function ColumnRow({ col, ctx }: { col: TColumnView; ctx: TRenderCtx }) {
  return (
    <tr id={col.anchor} data-column={col.code} data-leaf={col.leaf ? "" : undefined} className="scroll-mt-4 border-t border-slate-200 align-top target:bg-yellow-50">
      <th scope="row" className="py-2 pr-3 text-left font-normal" style={{ paddingLeft: `${0.75 + col.depth * 1.25}rem` }}>
        <span className={col.leaf ? "font-medium" : "font-bold"}>
          <Highlight text={col.name} terms={ctx.terms} />
        </span>
        <code className="block text-sm text-slate-600">{col.code}</code>
      </th>
      <td className="py-2 pr-3">
        {col.content ? (
          <span className="whitespace-pre-line">
            {col.contentInherited ? <Same /> : null}
            <span className={col.contentInherited ? "text-slate-700" : undefined}>
              <Highlight text={col.content} terms={ctx.terms} />
            </span>
          </span>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </td>
      <td className="py-2 pr-3">
        {col.units.length > 0 ? (
          <>
            {col.unitsInherited ? <Same /> : null}
            <UnitList chips={col.units} terms={ctx.terms} />
          </>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </td>
      <td className="py-2 pr-3">
        {col.assessedBy.length > 0 ? (
          <ul>
            {col.assessedBy.map((a) => (
              <li key={a.code}>
                <a href={ctx.href(a.code)} className="text-brand-700 underline underline-offset-2 hover:text-brand-600">
                  {a.name}
                </a>
              </li>
            ))}
          </ul>
        ) : col.leaf ? (
          <span className="text-slate-600">评分表未引用</span>
        ) : null}
      </td>
    </tr>
  );
}

/** 内容保障分解表: one collapsible table per top-level column. */
export function ColumnTable({ columns, ctx }: { columns: TColumnView[]; ctx: TRenderCtx }) {
  return (
    <div className="space-y-3">
      {columns.map((top) => {
        const rows = top.leaf ? [top] : flatten(top.children);
        return (
          <details key={top.code} id={top.leaf ? undefined : top.anchor} open={ctx.openAll} data-tree="" data-column-group={top.code} className="scroll-mt-4 rounded-md border border-slate-300 bg-white">
            <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-4 py-3 hover:bg-brand-50 [&::-webkit-details-marker]:hidden">
              <span aria-hidden="true" className="inline-block w-4 text-slate-600 transition-transform [details[open]>summary>&]:rotate-90">
                ▶
              </span>
              <span className="text-lg font-bold">
                <Highlight text={top.name} terms={ctx.terms} />
              </span>
              <span className="text-slate-700">{countLeaves(top)}个栏目</span>
              {!top.leaf && top.assessedBy.length > 0 ? <span className="text-slate-700">· 考核项：{top.assessedBy.map((a) => a.name).join("、")}</span> : null}
            </summary>
            <div className="overflow-x-auto px-2 pb-3">
              <table className="w-full table-fixed border-collapse text-left">
                <caption className="sr-only">{top.name}栏目的保障内容、责任单位与考核项</caption>
                <colgroup>
                  <col className="w-[20%]" />
                  <col className="w-[40%]" />
                  <col className="w-[24%]" />
                  <col className="w-[16%]" />
                </colgroup>
                <thead>
                  <tr className="bg-slate-100 text-slate-800">
                    <th scope="col" className="px-3 py-2">栏目</th>
                    <th scope="col" className="py-2 pr-3">保障内容说明</th>
                    <th scope="col" className="py-2 pr-3">责任单位</th>
                    <th scope="col" className="py-2 pr-3">考核项</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <ColumnRow key={c.code} col={c} ctx={ctx} />
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        );
      })}
    </div>
  );
}
