import "server-only";
// Reading an uploaded file from a request body without ever holding more than the limit.

/**
 * The body's bytes, at most `max + 1` of them: a result longer than `max` means "too large"
 * (the caller reports it). A declared Content-Length over the limit is not read at all.
 */
export async function readBodyLimited(req: Request, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) return new Uint8Array(max + 1);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const out = new Uint8Array(Math.min(size, max + 1));
  let offset = 0;
  for (const c of chunks) {
    const part = c.subarray(0, out.byteLength - offset);
    out.set(part, offset);
    offset += part.byteLength;
    if (offset >= out.byteLength) break;
  }
  return out;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
