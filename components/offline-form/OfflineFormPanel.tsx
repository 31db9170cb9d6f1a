"use client";
// 离线填报: download the unit's form as xlsx, fill it in Excel/WPS, upload it back. On any
// error nothing is saved and every error is listed by sheet, row and column.
import { useId, useRef, useState } from "react";
import { NETWORK_ERROR, primaryButton, StatusLine, type Status } from "@/components/evidence/ui";

type Props = { editionId: number; unitCode: string; canEdit: boolean };

type Issue = { sheet: string; row: number; column: string; columnName: string; item: string | null; itemName: string | null; message: string };
type Reply = {
  error?: string;
  errors?: Issue[];
  saved?: { item: string; name: string }[];
  unchanged?: number;
  conflicts?: { item: string; name: string; message: string }[];
};

const MAX_BYTES = 5 * 1024 * 1024;

export function OfflineFormPanel({ editionId, unitCode, canEdit }: Props) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [conflicts, setConflicts] = useState<NonNullable<Reply["conflicts"]>>([]);
  const query = `editionId=${editionId}&unitCode=${encodeURIComponent(unitCode)}`;

  async function submit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const file = fileRef.current?.files?.[0];
    setIssues([]);
    setConflicts([]);
    setStatus(null);
    if (!file) return setFileError("请选择填好的离线填报表（.xlsx）");
    if (!/\.xlsx$/i.test(file.name)) return setFileError("只能上传 .xlsx 文件；如为 .xls 或 .et，请先“另存为”.xlsx");
    if (file.size > MAX_BYTES) return setFileError("文件超过 5 MB，请确认选择的是本系统导出的离线填报表");
    setFileError(null);
    setPending(true);
    try {
      const res = await fetch(`/api/offline-form?${query}`, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      const body = (await res.json().catch(() => ({}))) as Reply;
      if (res.ok) {
        const saved = body.saved?.length ?? 0;
        const c = body.conflicts ?? [];
        setConflicts(c);
        setStatus({
          tone: c.length ? "error" : "ok",
          text: `已保存 ${saved} 项，${body.unchanged ?? 0} 项未变化${c.length ? `，${c.length} 项未保存（见下表）` : ""}。`,
        });
        if (!c.length && fileRef.current) fileRef.current.value = "";
        return;
      }
      if (body.errors?.length) setIssues(body.errors);
      setStatus({ tone: "error", text: body.error ?? `上传失败（${res.status}），请稍后重试` });
    } catch {
      setStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-bold">
        离线填报
      </h2>
      <p className="text-slate-700">
        下载本单位的自评表（Excel），在白色单元格中填写后上传。上传时逐格检查，任何一处有误都不会保存；留空的指标保持系统中原有内容。
      </p>
      <a href={`/api/offline-form?${query}`} download className={`${primaryButton} inline-block`}>
        下载离线填报表（.xlsx）
      </a>

      {canEdit ? (
        <form onSubmit={submit} noValidate className="space-y-3">
          <div>
            <label htmlFor={`${id}-file`} className="block font-medium">
              上传填好的离线填报表
            </label>
            <input
              ref={fileRef}
              id={`${id}-file`}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${id}-file-error` : undefined}
              onChange={() => setFileError(null)}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
            />
            {fileError ? (
              <p id={`${id}-file-error`} className="mt-1 text-sm text-red-700">
                {fileError}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? "正在检查并保存…" : "上传并保存"}
          </button>
        </form>
      ) : (
        <p className="text-slate-600">当前不可填报，只能下载查看。</p>
      )}

      <StatusLine status={status} />

      {issues.length ? (
        <ReportTable
          title={`错误报告（${issues.length} 处，未保存任何内容）`}
          head={["工作表", "行", "列", "指标", "问题"]}
          rows={issues.map((e) => [e.sheet, `第 ${e.row} 行`, `${e.column} 列（${e.columnName}）`, e.itemName ?? e.item ?? "—", e.message])}
        />
      ) : null}
      {conflicts.length ? (
        <ReportTable title={`未保存的指标（${conflicts.length} 项）`} head={["指标", "原因"]} rows={conflicts.map((c) => [c.name, c.message])} />
      ) : null}
    </section>
  );
}

function ReportTable({ title, head, rows }: { title: string; head: string[]; rows: string[][] }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-red-200">
      <h3 id={id} className="border-b border-red-200 bg-red-50 px-4 py-2 font-bold text-red-800">
        {title}
      </h3>
      <div className="max-h-[28rem] overflow-auto" tabIndex={0} aria-label={title}>
        <table className="w-full text-left">
          <thead className="sticky top-0 bg-slate-100 text-sm">
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className="border-t border-slate-200 align-top">
                {r.map((c, j) => (
                  <td key={j} className="px-3 py-2">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
