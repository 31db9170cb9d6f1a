// GET  /api/evidence?editionId=&unitCode=&itemCode=  the unit's evidence list (evidence:read)
// POST /api/evidence  multipart: editionId, unitCode, itemCode, [title, coversFrom, coversTo], file (last)
//      (self:write on that unit). The fields before the file decide the authorisation, so
//      nothing of the file is read for a request that is refused.
import { z } from "zod";
import { defineRoute, UserError } from "@/lib/auth/guard";
import { listEvidence } from "@/lib/evidence/evidence";
import { MultipartError, readMultipartHead, type FilePart } from "@/lib/evidence/multipart";
import { ZListEvidence, ZUploadFields } from "@/lib/evidence/schemas";
import { maxUploadMb, storeUploadedEvidence, tooLargeMessage } from "@/lib/evidence/upload";

export const dynamic = "force-dynamic";
const NO_STORE = { "Cache-Control": "no-store" };

export const GET = defineRoute(
  {
    name: "evidence.list.api",
    action: "evidence:read",
    schema: ZListEvidence,
    unit: (i) => i.unitCode,
    input: (req) => Object.fromEntries(new URL(req.url).searchParams),
  },
  async ({ input }) => Response.json({ evidence: await listEvidence(input) }, { headers: NO_STORE }),
);

const ZUpload = z.intersection(
  ZUploadFields,
  z.object({
    file: z.custom<FilePart>((v) => typeof v === "object" && v !== null && "body" in v, "请选择要上传的文件"),
    cancel: z.custom<() => Promise<void>>((v) => typeof v === "function"),
  }),
);

export const POST = defineRoute(
  {
    name: "evidence.upload",
    action: "self:write",
    schema: ZUpload,
    unit: (i) => i.unitCode,
    // the file plus 1 MB for the form around it; the upload also counts the streamed bytes
    body: { kind: "multipart", maxBytes: () => (maxUploadMb() + 1) * 1024 * 1024, tooLarge: tooLargeMessage },
    input: async (req) => {
      try {
        const head = await readMultipartHead(req.body, req.headers.get("content-type"));
        return { ...head.fields, file: head.file ?? undefined, cancel: head.cancel };
      } catch (e) {
        if (e instanceof MultipartError) throw new UserError(e.message, 400);
        throw e;
      }
    },
  },
  async ({ user, input, ip, req }) => {
    const { file, cancel, ...fields } = input;
    const declared = Number(req.headers.get("content-length") ?? NaN);
    const out = await storeUploadedEvidence(user, ip, fields, file, { declaredLength: Number.isFinite(declared) ? declared : null, cancel });
    if (!out.ok) return Response.json({ error: out.error }, { status: out.status, headers: NO_STORE });
    return Response.json({ evidence: out.evidence }, { status: 201, headers: NO_STORE });
  },
);
