// GET  /api/offline-form?editionId=&unitCode=  the unit's self-assessment as xlsx (self:read)
// POST /api/offline-form?editionId=&unitCode=  the filled-in xlsx as the raw body (self:write).
//      The target comes from the query string, so the request is authorised before the body
//      is read. Answers 422 with every error (nothing saved), or what was saved and what conflicted.
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { contentDisposition } from "@/lib/evidence/policy";
import { readBodyLimited } from "@/lib/offline-form/http";
import { exportOfflineForm, importOfflineForm } from "@/lib/offline-form/service";
import { MAX_OFFLINE_FORM_BYTES, OfflineFormError, XLSX_MIME } from "@/lib/offline-form/workbook";

export const dynamic = "force-dynamic";
const NO_STORE = { "Cache-Control": "no-store" };

const ZTarget = z.object({
  editionId: z.coerce.number().int("考核年度无效").positive("考核年度无效"),
  unitCode: z.string().trim().min(1, "缺少单位").max(64),
});
const TOO_LARGE = "文件超过 5 MB，请确认上传的是本系统导出的离线填报表";
const fromQuery = (req: Request) => Object.fromEntries(new URL(req.url).searchParams);

export const GET = defineRoute(
  { name: "offlineForm.download", action: "self:read", schema: ZTarget, unit: (i) => i.unitCode, input: fromQuery },
  async ({ input }) => {
    const file = await exportOfflineForm(input.editionId, input.unitCode);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": XLSX_MIME,
        "Content-Disposition": contentDisposition("attachment", file.fileName, file.asciiName),
        "X-Content-Type-Options": "nosniff",
        ...NO_STORE,
      },
    });
  },
);

export const POST = defineRoute(
  {
    name: "offlineForm.upload",
    action: "self:write",
    schema: ZTarget,
    unit: (i) => i.unitCode,
    input: fromQuery,
    body: { kind: "binary", types: ["application/octet-stream", XLSX_MIME], maxBytes: MAX_OFFLINE_FORM_BYTES, tooLarge: () => TOO_LARGE },
  },
  async ({ user, input, ip, req }) => {
    const bytes = await readBodyLimited(req, MAX_OFFLINE_FORM_BYTES);
    if (bytes === "too-large") return Response.json({ error: TOO_LARGE }, { status: 413, headers: NO_STORE });
    if (bytes.length === 0) return Response.json({ error: "请选择要上传的离线填报表（.xlsx）" }, { status: 400, headers: NO_STORE });
    try {
      const result = await importOfflineForm(user, ip, input, bytes);
      if (result.status === "invalid") {
        return Response.json(
          { error: `发现 ${result.errors.length} 处错误，未保存任何内容。请按错误报告修改后重新上传。`, errors: result.errors },
          { status: 422, headers: NO_STORE },
        );
      }
      return Response.json(result, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof OfflineFormError) return Response.json({ error: e.message }, { status: 400, headers: NO_STORE });
      throw e;
    }
  },
);
