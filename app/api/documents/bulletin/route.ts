// GET /api/documents/bulletin?edition=<id>: 考核结果通报 as .docx (documents:read).
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { ZEditionParam } from "@/lib/dashboard/query";
import { bulletinResponse } from "@/lib/documents";

export const GET = defineRoute(
  {
    name: "documents.bulletin",
    action: "documents:read",
    schema: z.object({ edition: ZEditionParam }),
    input: (req) => ({ edition: new URL(req.url).searchParams.get("edition") ?? undefined }),
  },
  async ({ input }) => bulletinResponse(input.edition),
);
