"use client";
// Bulk monitoring findings from xlsx: download the template, upload, and read a row-by-row
// report. Nothing is saved unless every row is valid.
import { useId, useRef, useState, useTransition } from "react";
import { importFindingsAction } from "@/app/review/monitoring/actions";
import type { ImportOutcome } from "@/lib/review/import";
import { FieldError, linkClass, NETWORK_ERROR, primaryButton, StatusMessage, type Status } from "./ui";

export function ImportPanel() {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [pending, start] = useTransition();

  const upload = () => {
    const file = fileRef.current?.files?.[0];
    setOutcome(null);
    if (!file) {
      setFileError("请选择文件");
      setStatus({ tone: "error", text: "请选择要导入的 Excel（.xlsx）文件" });
      return;
    }
    setFileError(undefined);
    const fd = new FormData();
    fd.set("file", file);
    start(async () => {
      const r = await importFindingsAction(fd).catch(() => null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setFileError(r.fieldErrors?.file);
        return setStatus({ tone: "error", text: r.error });
      }
      setOutcome(r.data);
      if (r.data.ok) {
        setStatus({ tone: "ok", text: `导入成功：共保存 ${r.data.saved} 条监测发现。` });
        if (fileRef.current) fileRef.current.value = "";
      } else setStatus({ tone: "error", text: `发现 ${r.data.errors.length} 处错误，未保存任何数据。请按下表修改后重新上传。` });
    });
  };

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <p>
        先
        <a href="/review/monitoring/template" className={linkClass} download>
          下载导入模板
        </a>
        （每类监测发现一个工作表，附“填写说明”和“单位列表”），填写后上传。只要有一行有误，就不保存任何数据。
      </p>
      <form
        noValidate
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          upload();
        }}
      >
        <div>
          <label htmlFor={`${id}-file`} className="block font-medium">
            Excel 文件（.xlsx，最大 1 MB）
          </label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 block file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-slate-800 hover:file:bg-slate-100"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${id}-file-error` : undefined}
          />
          <FieldError id={`${id}-file`} message={fileError} />
        </div>
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "正在检查并导入…" : "上传并导入"}
        </button>
      </form>
      <StatusMessage status={status} />
      {outcome && !outcome.ok ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="import-errors">
            <caption className="sr-only">导入错误</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-2 py-1">
                  工作表
                </th>
                <th scope="col" className="px-2 py-1">
                  行
                </th>
                <th scope="col" className="px-2 py-1">
                  列
                </th>
                <th scope="col" className="px-2 py-1">
                  原因
                </th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.map((e, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className="px-2 py-1">{e.sheet || "—"}</td>
                  <td className="px-2 py-1">{e.row ?? "—"}</td>
                  <td className="px-2 py-1">{e.column ?? "—"}</td>
                  <td className="px-2 py-1">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {outcome && outcome.ok ? (
        <ul className="list-inside list-disc text-sm">
          {outcome.bySheet.map((s) => (
            <li key={s.sheet}>
              {s.sheet}：{s.rows} 行
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
