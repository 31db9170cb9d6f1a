import type { TRelation } from "@/lib/indicators/filter";
import type { TIndicatorView } from "@/lib/indicators/view";
import { columnAnchor } from "@/lib/indicators/view";
import { Highlight } from "./Highlight";
import { ReadingNotes } from "./ReadingNotes";
import type { TRenderCtx } from "./render-context";
import { UnitList } from "./UnitList";

const RELATION_LABEL: Record<TRelation, string> = {
  lead: "牵头",
  cooperate: "配合",
  city: "全市统一考核项",
  rollup: "汇总各单位",
};

/** The ▸ marker: turns when its own <details> is open (not an outer one). */
function Chevron() {
  return (
    <span aria-hidden="true" className="mt-1 inline-block w-4 shrink-0 text-slate-600 transition-transform [details[open]>summary>&]:rotate-90">
      ▶
    </span>
  );
}

function MaxBadge({ max }: { max: string }) {
  return <span className="shrink-0 rounded-md bg-brand-700 px-2 py-0.5 text-base font-semibold text-white">{max}分</span>;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2 py-1.5">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Methods({ methods }: { methods: string[] }) {
  return (
    <ul className="flex flex-wrap gap-2" aria-label="考核办法">
      {methods.map((m) => (
        <li key={m} className="rounded-full border border-brand-600 bg-brand-50 px-3 py-0.5 text-brand-800">
          {m}
        </li>
      ))}
    </ul>
  );
}

function Meta({ node, ctx }: { node: TIndicatorView; ctx: TRenderCtx }) {
  const rows: React.ReactNode[] = [];
  if (node.methods.length > 0) {
    rows.push(
      <Row key="methods" label="考核办法">
        <Methods methods={node.methods} />
      </Row>,
    );
  }
  if (node.units.length > 0) {
    rows.push(
      <Row key="units" label={node.leaf ? "考核对象" : "责任单位"}>
        <UnitList chips={node.units} terms={ctx.terms} />
        {node.unitsSource ? <p className="text-slate-700">（{node.unitsSource}）</p> : null}
        {node.responsibleText ? (
          <p className="mt-1 whitespace-pre-line text-slate-700">
            原表：<Highlight text={node.responsibleText} terms={ctx.terms} />
          </p>
        ) : null}
      </Row>,
    );
  }
  if (node.columns.length > 0) {
    rows.push(
      <Row key="columns" label="考核栏目">
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="本项考核的网站栏目">
          {node.columns.map((c) => (
            <li key={c.code}>
              <a href={ctx.href(columnAnchor(c.code))} className="text-brand-700 underline underline-offset-2 hover:text-brand-600" title={c.path}>
                <Highlight text={c.name} terms={ctx.terms} />
              </a>
            </li>
          ))}
        </ul>
      </Row>,
    );
  }
  if (node.scopeLabel) {
    rows.push(
      <Row key="scope" label="计分对象">
        {node.scopeLabel}
      </Row>,
    );
  }
  return rows.length > 0 ? <dl className="divide-y divide-slate-100">{rows}</dl> : null;
}

function AssessmentText({ node, ctx }: { node: TIndicatorView; ctx: TRenderCtx }) {
  if (node.text.length === 0) return null;
  return (
    <dl className="mt-3 space-y-2 rounded-md bg-slate-50 p-3">
      {node.text.map((t) => (
        <div key={t.label}>
          <dt className="font-medium text-slate-700">{t.label}</dt>
          <dd className="whitespace-pre-line">
            <Highlight text={t.value} terms={ctx.terms} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Warning({ node }: { node: TIndicatorView }) {
  if (!node.warning) return null;
  const w = node.warning;
  return (
    <p role="note" data-warning={w.kind} className="rounded-md border border-orange-400 bg-orange-50 px-3 py-2 text-orange-950">
      <span className="font-semibold">⚠ 分值校验：</span>
      {w.message}
      {w.readingIds.length > 0 ? `见解读${w.readingIds.join("、")}。` : null}
    </p>
  );
}

export function IndicatorNode({ node, ctx }: { node: TIndicatorView; ctx: TRenderCtx }) {
  const relation = ctx.relation[node.code];
  const top = node.depth === 0;
  const nameSize = top ? "text-xl font-bold" : node.leaf ? "text-lg font-semibold" : "text-lg font-bold";
  const frame = top ? "border-l-4 border-brand-700 bg-white shadow-sm" : node.leaf ? "border border-slate-300 bg-white" : "border border-slate-300 bg-slate-50";
  return (
    <details
      id={node.code}
      open
      data-tree=""
      data-indicator={node.code}
      data-leaf={node.leaf ? "" : undefined}
      className={`scroll-mt-4 rounded-md ${frame}`}
    >
      <summary className="flex cursor-pointer list-none items-start gap-2 rounded-md px-4 py-3 hover:bg-brand-50 [&::-webkit-details-marker]:hidden">
        <Chevron />
        <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1">
          <span className={nameSize}>
            <Highlight text={node.name} terms={ctx.terms} />
          </span>
          <code className="text-sm text-slate-600">
            <Highlight text={node.code} terms={ctx.terms} />
          </code>
          {relation && ctx.unitName ? (
            <span data-relation={relation} className={`rounded-md px-2 py-0.5 text-sm font-semibold ${relation === "lead" ? "bg-emerald-700 text-white" : "border border-emerald-700 text-emerald-800"}`}>
              {ctx.unitName}：{RELATION_LABEL[relation]}
            </span>
          ) : null}
          {node.warning ? <span className="rounded-md bg-orange-100 px-2 py-0.5 text-sm font-semibold text-orange-900">⚠ 子项合计{node.warning.childrenSum}分</span> : null}
        </span>
        <MaxBadge max={node.max} />
      </summary>
      <div className="px-4 pb-4">
        {node.leaf ? <LeafBody node={node} ctx={ctx} /> : <InnerBody node={node} ctx={ctx} />}
      </div>
    </details>
  );
}

function LeafBody({ node, ctx }: { node: TIndicatorView; ctx: TRenderCtx }) {
  return (
    <div className={node.readings.length > 0 ? "grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" : ""}>
      <div className="min-w-0">
        <div className="rounded-md border-l-4 border-emerald-600 bg-emerald-50 px-3 py-2">
          <p className="text-sm font-semibold text-emerald-900">计分规则</p>
          <p data-rule={node.ruleType ?? ""} className="text-lg leading-relaxed text-slate-950">
            {node.rule}
          </p>
        </div>
        <div className="mt-2">
          <Meta node={node} ctx={ctx} />
        </div>
        <AssessmentText node={node} ctx={ctx} />
      </div>
      <ReadingNotes readings={node.readings} terms={ctx.terms} />
    </div>
  );
}

function InnerBody({ node, ctx }: { node: TIndicatorView; ctx: TRenderCtx }) {
  const hasOwn = node.warning || node.text.length > 0 || node.methods.length > 0 || node.units.length > 0;
  return (
    <>
      {hasOwn ? (
        <div className="mb-4 min-w-0 space-y-2">
          <Warning node={node} />
          <Meta node={node} ctx={ctx} />
          <AssessmentText node={node} ctx={ctx} />
        </div>
      ) : null}
      {node.readings.length > 0 ? (
        // long notes on a 一级/二级 would push its items below the fold: one click away
        <details data-tree="" open={ctx.terms.length > 0} className="mb-4 rounded-md border border-amber-300 bg-white">
          <summary className="cursor-pointer px-4 py-2 font-semibold text-amber-900">
            {node.name}的解读说明（{node.readings.map((r) => r.id).join("、")}）
          </summary>
          <div className="px-4 pb-4">
            <ReadingNotes readings={node.readings} terms={ctx.terms} />
          </div>
        </details>
      ) : null}
      <ol className="space-y-3" aria-label={`${node.name}的子指标`}>
        {node.children.map((c) => (
          <li key={c.code}>
            <IndicatorNode node={c} ctx={ctx} />
          </li>
        ))}
      </ol>
    </>
  );
}
