// GET /api/editions/[id]/yaml/[file]  one file of the edition in the rules/ format
// (edition.yaml, units.yaml, part1.yaml…), for a developer or a backup (editions:read).
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { getEditionRow } from "@/lib/authoring/store";
import { exportEditionYaml } from "@/lib/authoring/yaml";
import { contentDisposition } from "@/lib/evidence/policy";

export const dynamic = "force-dynamic";

const ZInput = z.object({ id: z.coerce.number().int().positive("版本编号无效"), file: z.string().regex(/^[a-z0-9-]+\.yaml$/, "文件名无效") });

export const GET = defineRoute({ name: "editions.yaml.download", action: "editions:read", schema: ZInput, input: (_req, p: { id: string; file: string }) => p }, async ({ input }) => {
  const row = await getEditionRow(input.id);
  if (!row) return Response.json({ error: "找不到该版本" }, { status: 404 });
  const text = exportEditionYaml(row.edition)[input.file];
  if (text === undefined) return Response.json({ error: "该版本没有这个文件" }, { status: 404 });
  return new Response(text, {
    headers: { "Content-Type": "text/yaml; charset=utf-8", "Content-Disposition": contentDisposition("attachment", input.file), "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" },
  });
});
