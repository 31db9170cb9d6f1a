// One item of 我的填报: where it sits in the tree, its rule in plain Chinese, the lock
// reason when it cannot be edited, the form, and the evidence.
import Link from "next/link";
import type { ItemPageData } from "./types";
import { EvidencePanel } from "@/components/evidence/EvidencePanel";
import { PageTitle } from "@/components/shell/PageTitle";
import { ItemTexts } from "@/components/ui/ItemTexts";
import { Countdown } from "./Countdown";
import { ItemForm } from "./ItemForm";
import { StatusBadge } from "./StatusBadge";
import { ROLE_LABELS } from "./types";
import { LockNotice } from "./UnitOverview";

export function ItemPage({ data }: { data: Extract<ItemPageData, { kind: "ok" }> }) {
  const { leaf, row, unit, period, lock } = data;
  const unitHref = `/self-assessment/${encodeURIComponent(unit.code)}`;
  return (
    <section>
      <nav aria-label="位置" className="mb-3 text-sm text-slate-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href={unitHref} className="text-brand-700 underline-offset-2 hover:underline">
              我的填报
            </Link>
          </li>
          {[leaf.partName, ...leaf.pathNames.slice(0, -1)].map((n, i) => (
            <li key={i}>
              <span aria-hidden="true">› </span>
              {n}
            </li>
          ))}
        </ol>
      </nav>
      <PageTitle title={leaf.name} subtitle={`${unit.name} · ${data.edition.name}`} />

      <div className="mb-6 flex flex-wrap items-center gap-x-6 gap-y-2 text-slate-700">
        <span>满分 {leaf.max} 分</span>
        <span>本单位角色：{ROLE_LABELS[row.role]}</span>
        <span className="inline-flex items-center gap-2">
          状态：
          <StatusBadge status={row.status} notApplicable={row.notApplicable} ratedByReviewer={row.ratedByReviewer} />
        </span>
        {period ? (
          <span>
            截止：{period.extension ? `${period.extension.untilText}（已延期）` : period.deadlineText}（北京时间）
            <span className="ml-2">
              <Countdown deadline={period.deadline} />
            </span>
          </span>
        ) : null}
      </div>

      {lock.editable ? null : <LockNotice message={lock.message} />}
      {row.status === "returned" && row.returnComment ? (
        <p className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-red-800" data-testid="return-comment">
          <span className="font-semibold">审核员退回意见：</span>
          {row.returnComment}
        </p>
      ) : null}
      {leaf.cityLevel ? (
        <p className="mt-3 rounded-md border border-sky-200 bg-sky-50 p-3 text-sky-900">
          本项为全市统一考核项：全市只有一份填报数据，由牵头单位填写，各责任单位的得分相同。
          {data.viewOnly ? "本单位为配合单位，可查看。" : "多个牵头单位同时编辑时，保存会提示冲突，不会相互覆盖。"}
        </p>
      ) : null}

      <section aria-labelledby="rule-title" className="my-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="rule-title" className="text-lg font-semibold">
          计分规则
        </h2>
        <p className="mt-1" data-testid="rule-description">
          {leaf.description}
        </p>
        <details className="mt-2 text-slate-700">
          <summary className="cursor-pointer text-brand-700">考核原文与口径说明</summary>
          <ItemTexts leaf={leaf} />
        </details>
        <p className="mt-2">
          <Link href={`/indicators#${encodeURIComponent(leaf.code)}`} className="text-brand-700 underline-offset-2 hover:underline">
            在指标体系中查看本指标
          </Link>
        </p>
      </section>

      <ItemForm editionId={data.edition.id} unitCode={unit.code} leaf={leaf} stored={data.stored} initialScore={data.score} lock={lock} unitHref={unitHref} />

      <div className="mt-6">
        <EvidencePanel editionId={data.edition.id} unitCode={unit.code} itemCode={leaf.code} canEdit={lock.editable && !data.viewOnly} />
      </div>
    </section>
  );
}
