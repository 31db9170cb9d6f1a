"use client";
// 提交自评: a confirmation first, summarising what is filled in, 不适用, still missing and
// lacking 佐证材料 (with links). An incomplete unit sees what is missing; the server decides.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { submitUnitAction } from "@/app/self-assessment/actions";
import type { SubmitSummary, SummaryItem } from "@/lib/assessment/submit-summary";
import { Dialog } from "./Dialog";
import { primaryButton, secondaryButton } from "./ui";

export function SubmitPanel({
  editionId,
  unitCode,
  editable,
  summary: initialSummary,
}: {
  editionId: number;
  unitCode: string;
  editable: boolean;
  summary: SubmitSummary;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<SubmitSummary>(initialSummary);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  async function submit() {
    setPending(true);
    setError(null);
    try {
      const res = await submitUnitAction({ editionId, unitCode });
      if (!res.ok) setError(res.error);
      else if (res.data.status === "incomplete") {
        const stillMissing = res.data.missing;
        setSummary((s) => ({ ...s, missing: stillMissing }));
      }
      else {
        setOpen(false);
        setDone("已提交自评，表单已锁定，等待审核。");
        router.refresh();
      }
    } catch {
      setError("网络异常，尚未提交，请重试");
    } finally {
      setPending(false);
    }
  }

  const { missing, withoutEvidence } = summary;
  const incomplete = missing.length > 0;
  const itemHref = (code: string) => `/self-assessment/${encodeURIComponent(unitCode)}/${encodeURIComponent(code)}`;
  return (
    <div>
      <button
        type="button"
        className={primaryButton}
        disabled={!editable}
        onClick={() => {
          setSummary(initialSummary);
          setError(null);
          setOpen(true);
        }}
      >
        提交自评
      </button>
      <p role="status" aria-live="polite" className="mt-2 min-h-6 text-green-800">
        {done}
      </p>
      <Dialog open={open} title={incomplete ? "还有未填写的指标" : "确认提交自评"} onClose={() => !pending && setOpen(false)} initialFocus={cancelRef}>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="submit-summary">
          <Count label="已填写" value={summary.filled} testId="count-filled" />
          <Count label="不适用" value={summary.notApplicable} testId="count-not-applicable" />
          <Count label="未填写" value={missing.length} testId="count-missing" warn={missing.length > 0} />
          <Count label="缺佐证材料" value={withoutEvidence.length} testId="count-without-evidence" warn={withoutEvidence.length > 0} />
        </dl>
        {incomplete ? (
          <ItemList
            testId="missing-items"
            intro={`以下 ${missing.length} 项尚未填写（或未标记为不适用），请填写后再提交：`}
            items={missing}
            href={itemHref}
          />
        ) : null}
        {withoutEvidence.length > 0 ? (
          <ItemList
            testId="without-evidence-items"
            intro={`以下 ${withoutEvidence.length} 项的考核方式要求上传佐证材料，目前尚未上传：`}
            items={withoutEvidence}
            href={itemHref}
          />
        ) : null}
        {incomplete ? null : <p>提交后，本单位的全部自评指标将锁定并进入审核；如需修改，须由审核员退回。确定提交吗？</p>}
        <p role="alert" className="min-h-6 text-red-700">
          {error}
        </p>
        <div className="flex justify-end gap-3">
          <button ref={cancelRef} type="button" className={secondaryButton} disabled={pending} onClick={() => setOpen(false)}>
            {incomplete ? "关闭" : "取消"}
          </button>
          {incomplete ? null : (
            <button type="button" className={primaryButton} disabled={pending} onClick={() => void submit()}>
              {pending ? "正在提交…" : "确认提交"}
            </button>
          )}
        </div>
      </Dialog>
    </div>
  );
}

function Count({ label, value, testId, warn = false }: { label: string; value: number; testId: string; warn?: boolean }) {
  return (
    <div className={`rounded-md border p-2 text-center ${warn ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-slate-50"}`}>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-xl font-bold tabular-nums" data-testid={testId}>
        {value} 项
      </dd>
    </div>
  );
}

function ItemList({ testId, intro, items, href }: { testId: string; intro: string; items: SummaryItem[]; href: (code: string) => string }) {
  return (
    <div className="space-y-2" data-testid={testId}>
      <p>{intro}</p>
      <ul className="max-h-60 list-disc space-y-1 overflow-y-auto pl-6">
        {items.map((m) => (
          <li key={m.code}>
            <Link href={href(m.code)} className="text-brand-700 underline">
              {m.pathNames.join(" › ")}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
