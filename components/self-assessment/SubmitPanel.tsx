"use client";
// 提交自评: a confirmation first; an incomplete unit sees what is missing, with links.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { submitUnitAction } from "@/app/self-assessment/actions";
import { Dialog } from "./Dialog";
import type { MissingView } from "./types";
import { primaryButton, secondaryButton } from "./ui";

export function SubmitPanel({
  editionId,
  unitCode,
  editable,
  missing: initialMissing,
}: {
  editionId: number;
  unitCode: string;
  editable: boolean;
  missing: MissingView[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [missing, setMissing] = useState<MissingView[]>(initialMissing);
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
      else if (res.data.status === "incomplete") setMissing(res.data.missing);
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

  const incomplete = missing.length > 0;
  return (
    <div>
      <button
        type="button"
        className={primaryButton}
        disabled={!editable}
        onClick={() => {
          setMissing(initialMissing);
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
        {incomplete ? (
          <div className="space-y-3" data-testid="missing-items">
            <p>以下 {missing.length} 项尚未填写（或未标记为不适用），请填写后再提交：</p>
            <ul className="max-h-80 list-disc space-y-1 overflow-y-auto pl-6">
              {missing.map((m) => (
                <li key={m.code}>
                  <Link href={`/self-assessment/${encodeURIComponent(unitCode)}/${encodeURIComponent(m.code)}`} className="text-brand-700 underline">
                    {m.pathNames.join(" › ")}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p>提交后，本单位的全部自评指标将锁定并进入审核；如需修改，须由审核员退回。确定提交吗？</p>
        )}
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
