// GET /api/evidence/[id]: the file (evidence:read on the unit that owns it). The unit is
// looked up first, so a 填报员 of another unit gets 403 whether or not the id exists.
// ?inline=1 shows PDFs and images in the browser (previews); everything else downloads.
// The content comes from PostgreSQL (lib/evidence/content.ts), so any instance serves it.
import { Readable } from "node:stream";
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { getEvidenceFile, getEvidenceUnit } from "@/lib/evidence/evidence";
import { contentDisposition, isPreviewable } from "@/lib/evidence/policy";
import { openContent } from "@/lib/evidence/content";

export const dynamic = "force-dynamic";

/**
 * Images are sandboxed (no script, no same-origin). PDFs are not: Chromium refuses to run
 * its PDF viewer in a sandboxed document and shows "blocked" instead. A PDF is still served
 * as application/pdf with nosniff, so it can never be read as a page of this site.
 */
const CSP = {
  image: "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
  pdf: "frame-ancestors 'self'",
  attachment: "sandbox; default-src 'none'; frame-ancestors 'none'",
};

export const GET = defineRoute(
  {
    name: "evidence.download",
    action: "evidence:read",
    schema: z.object({ id: z.string().max(64), inline: z.boolean() }),
    unit: (i) => getEvidenceUnit(i.id),
    input: (req, params: { id: string }) => ({ id: params.id, inline: new URL(req.url).searchParams.get("inline") === "1" }),
  },
  async ({ input }) => {
    const row = await getEvidenceFile(input.id);
    if (!row) return Response.json({ error: "找不到该佐证材料，可能已被删除" }, { status: 404 });
    if (row.kind !== "file") return Response.json({ error: "该佐证材料是链接，没有可下载的文件" }, { status: 404 });
    // streamed from the database chunk by chunk; a size or sha-256 mismatch aborts the body
    const stream = await openContent(row);
    if (!stream) {
      console.error(`[evidence.download] evidence ${row.id} has no stored content`);
      return Response.json({ error: "文件已丢失，请联系管理员" }, { status: 404 });
    }
    stream.on("error", (e) => console.error(`[evidence.download] ${e.message}`));
    const mime = row.mimeType ?? "application/octet-stream";
    const inline = input.inline && isPreviewable(mime);
    const headers: Record<string, string> = {
      "Content-Type": mime,
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", row.fileName ?? "evidence"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": inline ? (mime === "application/pdf" ? CSP.pdf : CSP.image) : CSP.attachment,
      "Cross-Origin-Resource-Policy": "same-origin",
    };
    if (inline) headers["X-Frame-Options"] = "SAMEORIGIN";
    if (row.sizeBytes !== null) headers["Content-Length"] = String(row.sizeBytes);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers });
  },
);
