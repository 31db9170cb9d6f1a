"use client";
// 复制为新年度, 新版本, 发布 and 删除草稿 buttons of the 考核版本 pages.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { copyEditionAction, deleteDraftAction, newVersionAction, publishDraftAction } from "@/app/editions/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";

function suggestKey(key: string, year: number): string {
  return /\d{4}/.test(key) ? key.replace(/\d{4}/, String(year)) : `${key}-${year}`;
}

export function CopyEditionButton({ source }: { source: { id: number; name: string; year: number; key: string } }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const nextYear = source.year + 1;
  const [form, setForm] = useState({ year: String(nextYear), key: suggestKey(source.key, nextYear), name: source.name.replace(String(source.year), String(nextYear)) });
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [pending, start] = useTransition();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const r = await copyEditionAction({ sourceId: source.id, key: form.key.trim(), year: Number(form.year), name: form.name.trim() });
      if (r.ok) router.push(`/editions/${r.data.id}/edit`);
      else setError({ message: r.error, fields: r.fieldErrors ?? {} });
    });
  };
  if (!open) {
    return (
      <button type="button" className="underline" onClick={() => setOpen(true)}>
        复制为新年度
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="mt-2 grid gap-2 rounded border border-slate-300 bg-slate-50 p-3" aria-label={`复制“${source.name}”为新年度`}>
      {(["year", "key", "name"] as const).map((f) => (
        <div key={f}>
          <label htmlFor={`${id}-${f}`} className="block text-sm font-medium">
            {{ year: "新年度", key: "版本代码（字母、数字、连字符）", name: "版本名称" }[f]}
          </label>
          <input
            id={`${id}-${f}`}
            name={f}
            inputMode={f === "year" ? "numeric" : undefined}
            value={form[f]}
            onChange={(e) => setForm({ ...form, [f]: e.target.value })}
            aria-invalid={error?.fields[f] ? true : undefined}
            className="w-full rounded border border-slate-300 px-2 py-1"
          />
          {error?.fields[f] ? <p className="text-sm text-red-700">{error.fields[f]}</p> : null}
        </div>
      ))}
      <div aria-live="polite">{error ? <p className="text-red-700">{error.message}</p> : null}</div>
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "正在复制…" : "复制为草稿"}
        </button>
        <button type="button" className={secondaryButton} onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </form>
  );
}

export function NewVersionButton({ editionId }: { editionId: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span>
      <button
        type="button"
        className="underline"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await newVersionAction({ editionId });
            if (r.ok) router.push(`/editions/${r.data.id}/edit`);
            else setError(r.error);
          })
        }
      >
        新建版本（已有数据，不能直接修改）
      </button>
      {error ? <span role="alert" className="ml-2 text-red-700">{error}</span> : null}
    </span>
  );
}

export function PublishButton({ id, revision, name }: { id: number; revision: number; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <button type="button" className={primaryButton} onClick={() => setOpen(true)}>
        发布
      </button>
      <ConfirmDialog
        open={open}
        title="发布考核版本"
        confirmLabel="确认发布"
        pending={pending}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const r = await publishDraftAction({ id, expectedRevision: revision });
            setOpen(false);
            if (r.ok) router.refresh();
            else setError(r.error);
          })
        }
      >
        发布后“{name}”成为该版本代码的当前版本，内容不能再修改；如需更改只能新建版本。
      </ConfirmDialog>
      <div aria-live="polite">{error ? <p className="mt-2 text-red-700">{error}</p> : null}</div>
    </>
  );
}

export function DeleteDraftButton({ id, revision }: { id: number; revision: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <button type="button" className={secondaryButton} onClick={() => setOpen(true)}>
        删除草稿
      </button>
      <ConfirmDialog
        open={open}
        danger
        title="删除草稿"
        confirmLabel="删除"
        pending={pending}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const r = await deleteDraftAction({ id, expectedRevision: revision });
            setOpen(false);
            if (r.ok) router.push("/editions");
            else setError(r.error);
          })
        }
      >
        草稿删除后不能恢复（删除记录保留在审计日志中）。
      </ConfirmDialog>
      {error ? <p role="alert" className="text-red-700">{error}</p> : null}
    </>
  );
}
