"use client";
// Upload an xlsx of users. The server checks every row; on any error nothing is saved and
// the errors are listed by row and column. On success the initial passwords are shown once
// and offered as an xlsx built by the server in memory for this response only.
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/admin/constants";
import type { ImportResponse } from "@/lib/admin/import-users";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { FieldError, NETWORK_ERROR, primaryButton, secondaryButton, StatusMessage, type Status } from "./fields";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Created = Extract<ImportResponse, { ok: true }>;
type RowError = NonNullable<Extract<ImportResponse, { ok: false }>["rowErrors"]>[number];

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

export function ImportUsersForm() {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [created, setCreated] = useState<Created | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setRowErrors([]);
    setStatus(null);
    if (!file) return setFileError("请选择要导入的 Excel（.xlsx）文件");
    if (file.size > MAX_IMPORT_BYTES) return setFileError("文件超过 2 MB，请拆分后分批导入");
    setFileError(undefined);
    setPending(true);
    try {
      const res = await fetch("/admin/users/import/upload", { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      let body: ImportResponse | { ok?: undefined; error?: string } | null = null;
      try {
        body = (await res.json()) as ImportResponse;
      } catch {
        body = null;
      }
      if (res.ok && body && "ok" in body && body.ok) {
        setCreated(body);
        setStatus({ tone: "ok", text: `已导入 ${body.created.length} 个用户` });
        return;
      }
      const message = (body && !body.ok ? body.error : undefined) ?? "导入失败，请稍后重试";
      if (body && "rowErrors" in body && body.rowErrors?.length) setRowErrors(body.rowErrors);
      else setFileError(message);
      setStatus({ tone: "error", text: message });
    } catch {
      setStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
    }
  }

  if (created) return <ImportResult result={created} status={status} />;

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="max-w-xl space-y-4" noValidate>
        <div>
          <label htmlFor={`${id}-file`} className="block font-medium">
            用户文件（.xlsx）
          </label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ""}`}
            onChange={() => setFileError(undefined)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          />
          <p id={`${id}-file-hint`} className="mt-1 text-sm text-slate-600">
            不超过 2 MB、最多 {MAX_IMPORT_ROWS} 个用户。任何一行有误则整个文件都不导入。
          </p>
          <FieldError id={`${id}-file`} message={fileError} />
        </div>
        <StatusMessage status={status} />
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "正在检查并导入…" : "上传并导入"}
        </button>
      </form>
      {rowErrors.length ? <RowErrorTable errors={rowErrors} /> : null}
    </div>
  );
}

function RowErrorTable({ errors }: { errors: RowError[] }) {
  return (
    <section aria-labelledby="import-errors-title" className="rounded-lg border border-red-200 bg-white">
      <h2 id="import-errors-title" className="border-b border-red-200 bg-red-50 px-4 py-2 font-bold text-red-800">
        错误报告（{errors.length} 处，未导入任何用户）
      </h2>
      <div className="max-h-[28rem] overflow-auto">
        <table className="w-full text-left">
          <thead className="sticky top-0 bg-slate-100 text-sm">
            <tr>
              <th scope="col" className="px-4 py-2">
                行号
              </th>
              <th scope="col" className="px-4 py-2">
                列
              </th>
              <th scope="col" className="px-4 py-2">
                问题
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} className="border-t border-slate-200">
                <td className="px-4 py-2">第 {e.row} 行</td>
                <td className="px-4 py-2">{e.column ?? "—"}</td>
                <td className="px-4 py-2">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ImportResult({ result, status }: { result: Created; status: Status }) {
  function download() {
    const url = URL.createObjectURL(base64ToBlob(result.passwordsXlsx, XLSX_MIME));
    const a = document.createElement("a");
    a.href = url;
    a.download = "初始密码.xlsx";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <div className="space-y-4">
      <StatusMessage status={status} />
      <div className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
        <p className="font-medium">初始密码只显示这一次：离开本页后无法再查看（系统只保存密码的加密摘要）。</p>
        <p className="mt-1">请下载或记录后分发给各用户；用户首次登录后须修改密码。下载的文件请妥善保管、用后删除。</p>
      </div>
      <div className="flex flex-wrap gap-3">
        {result.passwordsXlsx ? (
          <button type="button" onClick={download} className={primaryButton}>
            下载初始密码（.xlsx）
          </button>
        ) : (
          <p className="text-red-700">密码表生成失败，请在下表中抄录密码。</p>
        )}
        <Link href="/admin/users" className={secondaryButton}>
          返回用户列表
        </Link>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left">
          <caption className="sr-only">已导入的用户及其初始密码</caption>
          <thead className="bg-slate-100 text-sm">
            <tr>
              <th scope="col" className="px-4 py-2">
                行号
              </th>
              <th scope="col" className="px-4 py-2">
                用户名
              </th>
              <th scope="col" className="px-4 py-2">
                姓名
              </th>
              <th scope="col" className="px-4 py-2">
                角色
              </th>
              <th scope="col" className="px-4 py-2">
                单位
              </th>
              <th scope="col" className="px-4 py-2">
                初始密码
              </th>
            </tr>
          </thead>
          <tbody>
            {result.created.map((c) => (
              <tr key={c.username} className="border-t border-slate-200">
                <td className="px-4 py-2">{c.row}</td>
                <td className="px-4 py-2">
                  <code>{c.username}</code>
                </td>
                <td className="px-4 py-2">{c.displayName}</td>
                <td className="px-4 py-2">{c.roles.map((r) => ROLE_LABELS[r]).join("、")}</td>
                <td className="px-4 py-2">{c.unitName ?? "—"}</td>
                <td className="px-4 py-2">
                  <code className="select-all font-mono">{c.password}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
