"use client";
// An import into a draft (Excel workbook, YAML files): the upload replaces the draft's whole
// content, or nothing is saved and every issue the server found is listed.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { primaryButton } from "@/components/ui/buttons";

export function DraftImportForm({
  label,
  accept,
  multiple = false,
  missing,
  button,
  reportLabel,
  send,
}: {
  label: string;
  accept: string;
  multiple?: boolean;
  /** the message when no file is chosen */
  missing: string;
  button: string;
  reportLabel: string;
  /** sends the chosen files; the response is the route's JSON (`error`, `errors`) */
  send: (files: File[]) => Promise<Response>;
}) {
  const router = useRouter();
  const inputId = useId();
  const [state, setState] = useState<{ pending: boolean; message?: string; errors?: string[]; ok?: boolean }>({ pending: false });
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const files = [...((e.currentTarget.elements.namedItem("files") as HTMLInputElement).files ?? [])];
    if (!files.length) return setState({ pending: false, message: missing });
    setState({ pending: true });
    try {
      const res = await send(files);
      const body = (await res.json().catch(() => ({}))) as { error?: string; errors?: string[] };
      if (res.ok) {
        setState({ pending: false, ok: true, message: "已导入并保存草稿。" });
        router.refresh();
      } else setState({ pending: false, message: body.error ?? "导入失败，请稍后重试", errors: body.errors });
    } catch {
      setState({ pending: false, message: "网络错误，未保存任何内容，请稍后重试" });
    }
  };
  return (
    <form onSubmit={submit} className="grid gap-2">
      <label htmlFor={inputId} className="font-medium">
        {label}
      </label>
      <input id={inputId} name="files" type="file" multiple={multiple} accept={accept} />
      <div>
        <button type="submit" className={primaryButton} disabled={state.pending}>
          {state.pending ? "正在导入…" : button}
        </button>
      </div>
      <div aria-live="polite">
        {state.message ? <p className={state.ok ? "text-emerald-800" : "text-red-700"}>{state.message}</p> : null}
        {state.errors?.length ? (
          <ol className="ml-6 list-decimal text-red-800" aria-label={reportLabel}>
            {state.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ol>
        ) : null}
      </div>
    </form>
  );
}
