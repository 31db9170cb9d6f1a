import Link from "next/link";
import type { TIndicatorsPage } from "@/lib/indicators/data";
import type { TFilteredIndicators } from "@/lib/indicators/filter";
import type { TColumnView, TIndicatorView, TPartView } from "@/lib/indicators/view";
import { PageTitle } from "@/components/shell/PageTitle";
import { ColumnTable } from "./ColumnTable";
import { FilterForm } from "./FilterForm";
import { IndicatorNode } from "./IndicatorTree";
import { ReadingNotes } from "./ReadingNotes";
import type { TRenderCtx } from "./render-context";
import { TreeControls } from "./TreeControls";

export function NoEdition() {
  return (
    <section>
      <PageTitle title="指标体系" />
      <div className="rounded-lg border border-dashed border-slate-400 bg-white p-8" role="status">
        <p className="text-xl font-semibold">尚未导入指标体系</p>
        <p className="mt-2 text-slate-700">系统中还没有可用的考核年度指标。请管理员在 rules/ 目录中放入年度指标文件后重新启动系统，或在“管理”中导入。</p>
      </div>
    </section>
  );
}

function anchorsOf(parts: TPartView[]): Set<string> {
  const out = new Set<string>();
  const addI = (ns: TIndicatorView[]) => ns.forEach((n) => (out.add(n.code), addI(n.children)));
  const addC = (ns: TColumnView[]) => ns.forEach((n) => (out.add(n.anchor), addC(n.children)));
  for (const p of parts) {
    addI(p.indicators);
    addC(p.columns);
  }
  return out;
}

function countShown(nodes: TIndicatorView[]): number {
  return nodes.reduce((n, x) => n + (x.leaf ? 1 : countShown(x.children)), 0);
}

function Status({ result, defaultUnit, unknownUnit }: { result: TFilteredIndicators; defaultUnit: boolean; unknownUnit: string | null }) {
  const { unit, q, counts, qUnit } = result;
  const lines: React.ReactNode[] = [];
  if (unknownUnit) lines.push(<p key="unknown">没有代码为“{unknownUnit}”的单位，已显示全部单位的指标。</p>);
  if (unit) {
    lines.push(
      <p key="unit" data-testid="unit-summary">
        {unit.group === "city" ? (
          <>
            <strong>全市</strong>汇总记分卡上的指标 <strong>{counts.leaves}</strong> 项（全市统一考核项，以及汇总各单位扣分的项）
          </>
        ) : (
          <>
            <strong>{unit.name}</strong>负责的考核指标 <strong>{counts.leaves}</strong> 项（牵头 {counts.lead} 项、配合 {counts.cooperate} 项），负责网站栏目 {counts.columns} 个
          </>
        )}
        {defaultUnit ? (
          <>
            。默认显示本单位，
            <Link href="/indicators?unit=" className="text-brand-700 underline underline-offset-2">
              查看全部指标
            </Link>
          </>
        ) : null}
      </p>,
    );
  }
  if (q) {
    lines.push(
      <p key="q" data-testid="match-count">
        关键词“<mark className="rounded-sm bg-yellow-200 px-0.5 text-slate-900">{q}</mark>”：找到 <strong>{counts.indicatorMatches}</strong> 个指标、<strong>{counts.columnMatches}</strong> 个网站栏目
        {qUnit && qUnit.code !== unit?.code ? (
          <>
            。要查看{qUnit.name}负责的全部指标，请
            <Link href={`/indicators?unit=${encodeURIComponent(qUnit.code)}`} className="text-brand-700 underline underline-offset-2">
              按单位筛选
            </Link>
          </>
        ) : null}
      </p>,
    );
  }
  if (lines.length === 0) return null;
  return (
    <div role="status" className="space-y-1 text-lg">
      {lines}
    </div>
  );
}

function Contents({ parts }: { parts: TPartView[] }) {
  return (
    <nav aria-label="指标目录" className="text-base">
      <ul className="flex flex-wrap gap-x-6 gap-y-1">
        {parts.map((p) => (
          <li key={p.code} className="flex flex-wrap gap-x-3">
            <a href={`#part-${p.code}`} className="font-semibold text-brand-700 underline underline-offset-2">
              附件{p.ordinal} {p.name}
            </a>
            {p.indicators.map((n) => (
              <a key={n.code} href={`#${n.code}`} className="text-brand-700 underline-offset-2 hover:underline">
                {n.name}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PartSection({ part, ctx, websitePart }: { part: TPartView; ctx: TRenderCtx; websitePart: boolean }) {
  const hasColumns = part.columns.length > 0;
  return (
    <section aria-labelledby={`part-${part.code}`} className="mt-10" data-part={part.code}>
      <h2 id={`part-${part.code}`} className="flex scroll-mt-4 flex-wrap items-baseline gap-x-4 border-b-2 border-brand-700 pb-2 text-2xl font-bold text-slate-950">
        <span>
          附件{part.ordinal} {part.name}
        </span>
        <span className="text-lg font-semibold text-slate-700">
          满分{part.max}分 · 计分指标{part.leafCount}项{ctx.openAll ? `（当前显示${countShown(part.indicators)}项）` : ""}
        </span>
      </h2>
      {part.note ? <p className="mt-3 rounded-md bg-slate-100 px-4 py-2 text-slate-800">{part.note}</p> : null}
      {part.readings.length > 0 ? (
        <details data-tree="" className="mt-3 rounded-md border border-amber-300 bg-white">
          <summary className="cursor-pointer px-4 py-2 font-semibold text-amber-900">本部分的解读说明（{part.readings.length}条）</summary>
          <div className="px-4 pb-4">
            <ReadingNotes readings={part.readings} terms={ctx.terms} title="本部分的解读说明" />
          </div>
        </details>
      ) : null}
      {part.indicators.length > 0 ? (
        <div className="mt-4">
          {websitePart ? <h3 className="mb-3 text-xl font-bold">考核评分表</h3> : null}
          <ol className="space-y-4" aria-label={`${part.name}的指标`}>
            {part.indicators.map((n) => (
              <li key={n.code}>
                <IndicatorNode node={n} ctx={ctx} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {hasColumns ? (
        <div className="mt-8" data-testid={`columns-${part.code}`}>
          <h3 className="text-xl font-bold">内容保障分解表（政府门户网站栏目）</h3>
          <p className="mb-3 mt-1 text-slate-700">
            每个栏目的保障内容与责任单位，以及评分表中考核该栏目的项目。“（同上）”表示原表此格为空、沿用上一行；“推定”表示原表责任单位为空，按解读推定。
          </p>
          <ColumnTable columns={part.columns} ctx={ctx} />
        </div>
      ) : null}
    </section>
  );
}

export function IndicatorsPage({ data }: { data: TIndicatorsPage }) {
  if (data.kind === "no-edition") return <NoEdition />;
  const { result } = data;
  const visible = anchorsOf(result.parts);
  const unitParam = result.unit ? encodeURIComponent(result.unit.code) : "";
  const ctx: TRenderCtx = {
    terms: result.terms,
    openAll: result.filtered,
    relation: result.relation,
    unitName: result.unit?.name ?? null,
    // a target hidden by the keyword (or unit) filter is reached on the page without it
    href: (anchor) => (visible.has(anchor) ? `#${anchor}` : `/indicators?unit=${unitParam}#${anchor}`),
  };
  return (
    <section>
      <PageTitle title="指标体系" subtitle={`${data.edition.name}（第${data.edition.version}版）`} />
      {/* keyed: after a client-side navigation (查看全部指标) the uncontrolled fields show the new URL's values */}
      <FilterForm key={`${result.unit?.code ?? ""}|${result.q ?? ""}`} units={data.view.units} unit={result.unit?.code ?? ""} q={result.q ?? ""} />
      <div className="mt-4 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1 space-y-2">
          <Status result={result} defaultUnit={data.defaultUnit} unknownUnit={data.unknownUnit} />
          {result.parts.length > 0 ? <Contents parts={result.parts} /> : null}
        </div>
        <TreeControls />
      </div>
      {result.parts.length === 0 ? (
        <div role="status" className="mt-8 rounded-lg border border-dashed border-slate-400 bg-white p-8 text-center">
          <p className="text-xl font-semibold">没有找到符合条件的指标</p>
          <p className="mt-2 text-slate-700">请换一个关键词，或选择“全部单位”。</p>
          <Link href="/indicators?unit=" className="mt-4 inline-block rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-600">
            清除筛选
          </Link>
        </div>
      ) : (
        result.parts.map((p) => <PartSection key={p.code} part={p} ctx={ctx} websitePart={data.view.parts.some((v) => v.code === p.code && v.columns.length > 0)} />)
      )}
    </section>
  );
}
