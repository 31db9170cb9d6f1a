"use client";
// 佐证材料 of one item for one unit: the list (files and links), upload with progress, add a
// link, delete with confirmation. The server decides everything again (permissions, lock,
// size, content type); the checks here only save a pointless transfer.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { addEvidenceLinkAction, deleteEvidenceAction, listEvidenceAction } from "@/app/api/evidence/actions";
import { ACCEPT_ATTRIBUTE } from "@/lib/evidence/policy";
import type { TEvidence } from "@/lib/evidence/schemas";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { formatBytes, formatShanghai, inputClass, NETWORK_ERROR, primaryButton, secondaryButton, StatusLine, type Status } from "./ui";

type Props = { editionId: number; unitCode: string; itemCode: string; canEdit: boolean };
type FieldErrors = Record<string, string>;

export function EvidencePanel({ editionId, unitCode, itemCode, canEdit }: Props) {
  const id = useId();
  const [items, setItems] = useState<TEvidence[] | null>(null);
  const [maxMb, setMaxMb] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  // which form the last message came from: a form shows its field errors only while its
  // message is the latest one, so a rejected file's error does not linger above later ones
  const [statusFrom, setStatusFrom] = useState<"upload" | "link" | "delete" | null>(null);
  const statusOf = (from: "upload" | "link" | "delete") => (s: Status) => {
    setStatus(s);
    setStatusFrom(from);
  };
  const [toDelete, setToDelete] = useState<TEvidence | null>(null);
  const [deleting, setDeleting] = useState(false);

  const apply = useCallback((r: Awaited<ReturnType<typeof listEvidenceAction>> | null) => {
    if (r === null) return setLoadError(NETWORK_ERROR);
    if (!r.ok) return setLoadError(r.error);
    setItems(r.data.evidence);
    setMaxMb(r.data.maxUploadMb);
    setLoadError(null);
  }, []);
  const fetchList = useCallback(() => listEvidenceAction({ editionId, unitCode, itemCode }).catch(() => null), [editionId, unitCode, itemCode]);
  const reload = useCallback(async () => apply(await fetchList()), [apply, fetchList]);

  useEffect(() => {
    let current = true;
    void fetchList().then((r) => {
      if (current) apply(r);
    });
    return () => {
      current = false;
    };
  }, [fetchList, apply]);

  async function confirmDelete() {
    if (!toDelete) return;
    setDeleting(true);
    try {
      const r = await deleteEvidenceAction({ id: toDelete.id });
      if (r.ok) statusOf("delete")({ tone: "ok", text: `已删除“${label(toDelete)}”` });
      else statusOf("delete")({ tone: "error", text: r.error });
      await reload();
    } catch {
      statusOf("delete")({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setDeleting(false);
      setToDelete(null);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${id}-title`} className="text-lg font-bold">
        佐证材料
        {items ? <span className="ml-2 text-base font-normal text-slate-600">（{items.length} 份）</span> : null}
      </h3>

      {loadError ? (
        <p role="alert" className="text-red-700">
          无法读取佐证材料：{loadError}
          <button type="button" onClick={() => void reload()} className={`${secondaryButton} ml-3`}>
            重试
          </button>
        </p>
      ) : items === null ? (
        <p className="text-slate-600">正在读取…</p>
      ) : items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-slate-600">尚未上传佐证材料</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {items.map((e) => (
            <EvidenceRow key={e.id} e={e} canEdit={canEdit} onDelete={() => setToDelete(e)} />
          ))}
        </ul>
      )}

      <StatusLine status={status} />

      {canEdit ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <UploadForm editionId={editionId} unitCode={unitCode} itemCode={itemCode} maxMb={maxMb} onDone={reload} onStatus={statusOf("upload")} current={statusFrom === null || statusFrom === "upload"} />
          <LinkForm editionId={editionId} unitCode={unitCode} itemCode={itemCode} onDone={reload} onStatus={statusOf("link")} current={statusFrom === null || statusFrom === "link"} />
        </div>
      ) : null}

      <ConfirmDialog
        open={toDelete !== null}
        title="删除佐证材料"
        confirmLabel="删除"
        danger
        pending={deleting}
        onConfirm={() => void confirmDelete()}
        onClose={() => setToDelete(null)}
      >
        确定删除“{toDelete ? label(toDelete) : ""}”吗？删除后审核员将看不到这份材料。
      </ConfirmDialog>
    </section>
  );
}

function label(e: TEvidence): string {
  return e.title || e.fileName || e.url || "佐证材料";
}

function EvidenceRow({ e, canEdit, onDelete }: { e: TEvidence; canEdit: boolean; onDelete: () => void }) {
  const href = e.kind === "file" ? `/api/evidence/${e.id}` : (e.url ?? "#");
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 p-3">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className={`rounded px-2 py-0.5 text-xs ${e.kind === "file" ? "bg-brand-50 text-brand-800" : "bg-amber-100 text-amber-900"}`}>{e.kind === "file" ? "文件" : "链接"}</span>
          {e.kind === "file" ? (
            <a href={href} className="break-all font-medium text-brand-700 underline-offset-2 hover:underline">
              {label(e)}
              <span className="sr-only">（下载）</span>
            </a>
          ) : (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="break-all font-medium text-brand-700 underline-offset-2 hover:underline">
              {label(e)}
              <span className="sr-only">（在新窗口打开外部链接）</span>
            </a>
          )}
        </div>
        {e.title && (e.fileName || e.url) ? <p className="break-all text-sm text-slate-600">{e.fileName ?? e.url}</p> : null}
        <p className="mt-1 text-sm text-slate-600">
          上传于 {formatShanghai(e.uploadedAt)}
          {e.uploadedBy ? ` · ${e.uploadedBy}` : ""}
          {e.kind === "file" ? ` · ${formatBytes(e.sizeBytes)}` : ""}
          {" · "}
          {e.coversFrom || e.coversTo ? `材料所属期间 ${e.coversFrom ?? "…"} 至 ${e.coversTo ?? "…"}` : "未注明材料所属期间"}
        </p>
      </div>
      <div className="flex gap-2">
        {e.previewable ? (
          <a href={`/api/evidence/${e.id}?inline=1`} target="_blank" rel="noopener" className={secondaryButton}>
            预览<span className="sr-only">“{label(e)}”（新窗口）</span>
          </a>
        ) : null}
        {canEdit ? (
          <button type="button" onClick={onDelete} className={`${secondaryButton} text-red-700`}>
            删除<span className="sr-only">“{label(e)}”</span>
          </button>
        ) : null}
      </div>
    </li>
  );
}

function PeriodFields({ id, errors }: { id: string; errors: FieldErrors }) {
  return (
    <fieldset className="grid grid-cols-2 gap-3">
      <legend className="mb-1 font-medium">材料所属期间（可选）</legend>
      {(["coversFrom", "coversTo"] as const).map((k) => (
        <div key={k}>
          <label htmlFor={`${id}-${k}`} className="block text-sm">
            {k === "coversFrom" ? "开始日期" : "结束日期"}
          </label>
          <input
            id={`${id}-${k}`}
            name={k}
            type="date"
            className={inputClass}
            aria-invalid={errors[k] ? true : undefined}
            aria-describedby={errors[k] ? `${id}-${k}-error` : undefined}
          />
          {errors[k] ? (
            <p id={`${id}-${k}-error`} className="mt-1 text-sm text-red-700">
              {errors[k]}
            </p>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}

type FormProps = {
  editionId: number;
  unitCode: string;
  itemCode: string;
  onDone: () => Promise<void>;
  onStatus: (s: Status) => void;
  /** the panel's latest message is this form's (or there is none): show its field errors */
  current: boolean;
};

/** XMLHttpRequest, because fetch cannot report upload progress. */
function UploadForm({ editionId, unitCode, itemCode, maxMb, onDone, onStatus, current }: FormProps & { maxMb: number | null }) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [ownErrors, setErrors] = useState<FieldErrors>({});
  const errors = current ? ownErrors : {};

  function submit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = ev.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    const reject = (text: string) => {
      setErrors({ file: text });
      onStatus({ tone: "error", text: `上传失败：${text}` });
    };
    if (!(file instanceof File) || !file.name) return reject("请选择要上传的文件");
    if (maxMb !== null && file.size > maxMb * 1024 * 1024) return reject(`“${file.name}”超过 ${maxMb} MB 的上限，请压缩或拆分后再上传`);
    if (file.size === 0) return reject(`“${file.name}”是空文件，请选择有内容的文件`);
    setErrors({});
    onStatus(null);
    // the fields go first and the file last: the server authorises from the fields before reading the file
    const body = new FormData();
    body.set("editionId", String(editionId));
    body.set("unitCode", unitCode);
    body.set("itemCode", itemCode);
    for (const k of ["title", "coversFrom", "coversTo"]) body.set(k, String(data.get(k) ?? ""));
    body.set("file", file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/evidence");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setProgress(null);
      const res = xhr.response as { error?: string; fieldErrors?: Record<string, string> } | null;
      if (xhr.status === 201) {
        formRef.current?.reset();
        setErrors({});
        onStatus({ tone: "ok", text: `已上传“${file.name}”` });
        void onDone();
        return;
      }
      const fieldErrors = { ...(res?.fieldErrors ?? {}) };
      if (fieldErrors.file) fieldErrors.file = `“${file.name}”：${fieldErrors.file}`;
      setErrors(fieldErrors);
      onStatus({ tone: "error", text: `“${file.name}”上传失败：${res?.error ?? `服务器返回 ${xhr.status}`}` });
    };
    xhr.onerror = () => {
      setProgress(null);
      onStatus({ tone: "error", text: `“${file.name}”上传失败：${NETWORK_ERROR}` });
    };
    setProgress(0);
    xhr.send(body);
  }

  const busy = progress !== null;
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-200 p-4" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="font-bold">
        上传文件
      </h4>
      <div>
        <label htmlFor={`${id}-file`} className="block font-medium">
          文件
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          className={inputClass}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={`${id}-file-hint${errors.file ? ` ${id}-file-error` : ""}`}
          onChange={() => {
            // a new file: the previous file's rejection no longer applies
            setErrors({});
            if (current) onStatus(null);
          }}
        />
        <p id={`${id}-file-hint`} className="mt-1 text-sm text-slate-600">
          PDF、图片（PNG/JPEG/GIF/WebP）、Word/Excel/PowerPoint 或 ZIP{maxMb ? `，不超过 ${maxMb} MB` : ""}。按文件内容识别类型，改扩展名无效。
        </p>
        {errors.file ? (
          <p id={`${id}-file-error`} className="mt-1 text-sm text-red-700">
            {errors.file}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={`${id}-title-input`} className="block font-medium">
          标题（可选）
        </label>
        <input id={`${id}-title-input`} name="title" maxLength={200} className={inputClass} />
      </div>
      <PeriodFields id={id} errors={errors} />
      {busy ? (
        <div>
          <progress max={100} value={progress} aria-label="上传进度" className="w-full" />
          <p className="text-sm text-slate-600">已上传 {progress}%</p>
        </div>
      ) : null}
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "正在上传…" : "上传"}
      </button>
    </form>
  );
}

function LinkForm({ editionId, unitCode, itemCode, onDone, onStatus, current }: FormProps) {
  const id = useId();
  const [ownErrors, setErrors] = useState<FieldErrors>({});
  const errors = current ? ownErrors : {};
  const [pending, setPending] = useState(false);

  async function submit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = ev.currentTarget;
    const data = new FormData(form);
    const str = (k: string) => String(data.get(k) ?? "");
    setPending(true);
    onStatus(null);
    try {
      const r = await addEvidenceLinkAction({ editionId, unitCode, itemCode, url: str("url"), title: str("title"), coversFrom: str("coversFrom"), coversTo: str("coversTo") });
      if (r.ok) {
        form.reset();
        setErrors({});
        onStatus({ tone: "ok", text: "已添加链接" });
        await onDone();
      } else {
        setErrors(r.fieldErrors ?? {});
        onStatus({ tone: "error", text: `添加失败：${r.fieldErrors?.url ?? r.error}` });
      }
    } catch {
      onStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-200 p-4" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="font-bold">
        添加链接
      </h4>
      <div>
        <label htmlFor={`${id}-url`} className="block font-medium">
          网址
        </label>
        <input
          id={`${id}-url`}
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://"
          className={inputClass}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={errors.url ? `${id}-url-error` : undefined}
        />
        {errors.url ? (
          <p id={`${id}-url-error`} className="mt-1 text-sm text-red-700">
            {errors.url}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={`${id}-ltitle`} className="block font-medium">
          标题（可选）
        </label>
        <input id={`${id}-ltitle`} name="title" maxLength={200} className={inputClass} />
      </div>
      <PeriodFields id={id} errors={errors} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "正在添加…" : "添加链接"}
      </button>
    </form>
  );
}
