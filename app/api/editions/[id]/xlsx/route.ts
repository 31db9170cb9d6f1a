// GET  /api/editions/[id]/xlsx            the edition as a workbook like the seed's tables (editions:read)
// POST /api/editions/[id]/xlsx?revision=N the edited workbook as the raw body replaces a draft's
//      content (admin:editions). Answers 422 with every bad row (nothing saved), 409 on a
//      stale revision or a published edition.
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { getEditionRow } from "@/lib/authoring/store";
import { uploadIntoDraft } from "@/lib/authoring/draft-upload";
import { exportEditionXlsx, formatSheetIssue, importEditionXlsx } from "@/lib/authoring/xlsx";
import { contentDisposition } from "@/lib/evidence/policy";

export const dynamic = "force-dynamic";
const NO_STORE = { "Cache-Control": "no-store" };
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MAX_BYTES = 5 * 1024 * 1024;
const TOO_LARGE = "文件超过 5 MB，请确认上传的是本系统导出的考核版本表格";

const ZId = z.object({ id: z.coerce.number().int().positive("版本编号无效") });
const ZUpload = ZId.extend({ revision: z.coerce.number().int().nonnegative("缺少草稿修订号") });

export const GET = defineRoute({ name: "editions.xlsx.download", action: "editions:read", schema: ZId, input: (_req, p: { id: string }) => p }, async ({ input }) => {
  const row = await getEditionRow(input.id);
  if (!row) return Response.json({ error: "找不到该版本" }, { status: 404 });
  const bytes = await exportEditionXlsx(row.edition);
  const name = `${row.edition.name}（第${row.version}版）.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": XLSX_MIME, "Content-Disposition": contentDisposition("attachment", name, `${row.key}-v${row.version}.xlsx`), "X-Content-Type-Options": "nosniff", ...NO_STORE },
  });
});

export const POST = defineRoute(
  {
    name: "editions.xlsx.upload",
    action: "admin:editions",
    schema: ZUpload,
    input: (req, p: { id: string }) => ({ id: p.id, revision: new URL(req.url).searchParams.get("revision") }),
    body: { kind: "binary", types: ["application/octet-stream", XLSX_MIME], maxBytes: MAX_BYTES, tooLarge: () => TOO_LARGE },
  },
  async ({ user, input, ip, req }) =>
    uploadIntoDraft(
      { id: input.id, revision: input.revision, req, actor: { user, ip } },
      {
        maxBytes: MAX_BYTES,
        tooLarge: TOO_LARGE,
        empty: "请选择要导入的 Excel 文件（.xlsx）",
        convert: async (bytes, row) => {
          const r = await importEditionXlsx(bytes);
          if (!r.ok) return { ok: false, body: { error: `发现 ${r.errors.length} 处错误，未保存任何内容。请按错误报告修改后重新导入。`, errors: r.errors.map(formatSheetIssue) } };
          if (r.edition.id !== row.key) return { ok: false, body: { error: `表格的版本代码“${r.edition.id}”与本草稿“${row.key}”不一致，未保存任何内容`, errors: [] } };
          return { ok: true, edition: r.edition };
        },
      },
    ),
);
