// POST /api/editions/[id]/docx?revision=N  the office's Word document (tables like the seed's)
//      as the raw body replaces a draft's parts (admin:editions), keeping the draft's units,
//      collectives and settings. Answers with every cell that could not be mapped (saved
//      anyway, for the editor to fix); 422 with the errors when the result does not validate
//      (nothing saved), 409 on a stale revision or a published edition.
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { importEditionDocx, formatDocxCell } from "@/lib/authoring/docx-import";
import { uploadIntoDraft } from "@/lib/authoring/draft-upload";

export const dynamic = "force-dynamic";
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MAX_BYTES = 5 * 1024 * 1024;
const TOO_LARGE = "文件超过 5 MB，请确认上传的是考核指标的 Word 文档";

const ZUpload = z.object({ id: z.coerce.number().int().positive("版本编号无效"), revision: z.coerce.number().int().nonnegative("缺少草稿修订号") });

export const POST = defineRoute(
  {
    name: "editions.docx.upload",
    action: "admin:editions",
    schema: ZUpload,
    input: (req, p: { id: string }) => ({ id: p.id, revision: new URL(req.url).searchParams.get("revision") }),
    body: { kind: "binary", types: ["application/octet-stream", DOCX_MIME], maxBytes: MAX_BYTES, tooLarge: () => TOO_LARGE },
  },
  async ({ user, input, ip, req }) =>
    uploadIntoDraft(
      { id: input.id, revision: input.revision, req, actor: { user, ip } },
      {
        maxBytes: MAX_BYTES,
        tooLarge: TOO_LARGE,
        empty: "请选择要导入的 Word 文件（.docx）",
        convert: async (bytes, row) => {
          const r = await importEditionDocx(bytes, row.edition);
          const unmapped = r.unmapped.map(formatDocxCell);
          if (!r.ok) return { ok: false, body: { error: `发现 ${r.errors.length} 处错误，未保存任何内容。请修改文档或先在编辑器中补充单位后重新导入。`, errors: r.errors.map(formatDocxCell), unmapped } };
          return { ok: true, edition: r.edition, extra: { unmapped } };
        },
      },
    ),
);
