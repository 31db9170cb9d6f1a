// GET /api/documents/notices/<unitCode>?edition=<id>: one unit's 扣分说明及整改通知 as .docx (documents:read).
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { ZEditionParam } from "@/lib/dashboard/query";
import { noticeResponse } from "@/lib/documents";

export const GET = defineRoute(
  {
    name: "documents.notice",
    action: "documents:read",
    schema: z.object({ unitCode: z.string().min(1).max(64), edition: ZEditionParam }),
    input: (req, params: { unitCode: string }) => ({ unitCode: params.unitCode, edition: new URL(req.url).searchParams.get("edition") ?? undefined }),
  },
  async ({ input }) => noticeResponse(input.unitCode, input.edition),
);
