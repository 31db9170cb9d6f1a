"use client";
// 导入 YAML into a draft: the edition's rules/ files (as exported on this page) replace the
// draft's content, or nothing is saved and every issue is listed with its file and line.
import { DraftImportForm } from "./DraftImportForm";

export function YamlImportForm({ id, revision }: { id: number; revision: number }) {
  return (
    <DraftImportForm
      label="选择本版本的全部 YAML 文件（整份替换草稿内容；有任何错误则不保存）"
      accept=".yaml,.yml"
      multiple
      missing="请选择要导入的 YAML 文件（edition.yaml、units.yaml、part1.yaml…）"
      button="导入 YAML"
      reportLabel="YAML 错误报告"
      send={async (list) => {
        const files = Object.fromEntries(await Promise.all(list.map(async (f) => [f.name, await f.text()] as const)));
        return fetch(`/api/editions/${id}/yaml?revision=${revision}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ files }) });
      }}
    />
  );
}
