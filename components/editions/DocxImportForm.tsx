"use client";
// 导入 Word into a draft: the document's tables replace the draft's indicator tree and 分解表
// (units and settings stay); every cell that could not be mapped is listed for the editor.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { primaryButton } from "@/components/ui/buttons";

type State = { pending: boolean; message?: string; errors?: string[]; unmapped?: string[]; ok?: boolean };

export function DocxImportForm({ id, revision }: { id: number; revision: number }) {
  const router = useRouter();
  const inputId = useId();
  const [state, setState] = useState<State>({ pending: false });
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file) return setState({ pending: false, message: "请选择要导入的 Word 文件（.docx）" });
    setState({ pending: true });
    try {
      const res = await fetch(`/api/editions/${id}/docx?revision=${revision}`, { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file });
      const body = (await res.json().catch(() => ({}))) as { error?: string; errors?: string[]; unmapped?: string[] };
      if (res.ok) {
        const n = body.unmapped?.length ?? 0;
        setState({ pending: false, ok: true, message: n ? `已导入并保存草稿；有 ${n} 个单元格未能对应，请在编辑器中逐项处理：` : "已导入并保存草稿，所有单元格均已对应。", unmapped: body.unmapped });
        router.refresh();
      } else setState({ pending: false, message: body.error ?? "导入失败，请稍后重试", errors: body.errors, unmapped: body.unmapped });
    } catch {
      setState({ pending: false, message: "网络错误，未保存任何内容，请稍后重试" });
    }
  };
  return (
    <form onSubmit={submit} className="grid gap-2">
      <label htmlFor={inputId} className="font-medium">
        导入考核指标 Word 文档（.docx，表格格式同历年考核指标；替换草稿的指标和栏目，单位和设置保留；有错误则不保存）
      </label>
      <input id={inputId} name="file" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
      <div>
        <button type="submit" className={primaryButton} disabled={state.pending}>
          {state.pending ? "正在导入…" : "导入 Word"}
        </button>
      </div>
      <div aria-live="polite">
        {state.message ? <p className={state.ok ? "text-emerald-800" : "text-red-700"}>{state.message}</p> : null}
        {state.errors?.length ? (
          <ol className="ml-6 list-decimal text-red-800" aria-label="错误报告">
            {state.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ol>
        ) : null}
        {state.unmapped?.length ? (
          <ol className="ml-6 list-decimal text-amber-900" aria-label="未能对应的单元格">
            {state.unmapped.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ol>
        ) : null}
      </div>
    </form>
  );
}
