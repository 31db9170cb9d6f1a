"use client";
// 导入 YAML into a draft: the edition's rules/ files (as exported on this page) replace the
// draft's content, or nothing is saved and every issue is listed with its file and line.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { primaryButton } from "@/components/ui/buttons";

export function YamlImportForm({ id, revision }: { id: number; revision: number }) {
  const router = useRouter();
  const inputId = useId();
  const [state, setState] = useState<{ pending: boolean; message?: string; errors?: string[]; ok?: boolean }>({ pending: false });
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const list = [...((e.currentTarget.elements.namedItem("files") as HTMLInputElement).files ?? [])];
    if (!list.length) return setState({ pending: false, message: "请选择要导入的 YAML 文件（edition.yaml、units.yaml、part1.yaml…）" });
    setState({ pending: true });
    try {
      const files = Object.fromEntries(await Promise.all(list.map(async (f) => [f.name, await f.text()] as const)));
      const res = await fetch(`/api/editions/${id}/yaml?revision=${revision}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ files }) });
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
        选择本版本的全部 YAML 文件（整份替换草稿内容；有任何错误则不保存）
      </label>
      <input id={inputId} name="files" type="file" multiple accept=".yaml,.yml" />
      <div>
        <button type="submit" className={primaryButton} disabled={state.pending}>
          {state.pending ? "正在导入…" : "导入 YAML"}
        </button>
      </div>
      <div aria-live="polite">
        {state.message ? <p className={state.ok ? "text-emerald-800" : "text-red-700"}>{state.message}</p> : null}
        {state.errors?.length ? (
          <ol className="ml-6 list-decimal text-red-800" aria-label="YAML 错误报告">
            {state.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ol>
        ) : null}
      </div>
    </form>
  );
}
