"use client";
// 导入 Excel into a draft: the whole workbook replaces the draft's content, or nothing is
// saved and every bad row is listed.
import { DraftImportForm } from "./DraftImportForm";

export function XlsxImportForm({ id, revision }: { id: number; revision: number }) {
  return (
    <DraftImportForm
      label="导入修改后的 Excel（整份替换草稿内容；有任何错误则不保存）"
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      missing="请选择要导入的 Excel 文件（.xlsx）"
      button="导入 Excel"
      reportLabel="错误报告"
      send={([file]) => fetch(`/api/editions/${id}/xlsx?revision=${revision}`, { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file })}
    />
  );
}
