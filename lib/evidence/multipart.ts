// A small streaming multipart/form-data reader for uploads. It reads the text fields that
// precede the file part, then hands the file's bytes over as a stream, so the request can
// be authorised (from those fields) before any of the file is read, and the size limit is
// enforced while the file streams instead of after buffering it.
// Clients must put the file part last (our form does; so does `curl -F a=… -F file=@…`).

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

export type FilePart = {
  fieldName: string;
  /** the file name as sent (not yet sanitised) */
  fileName: string;
  contentType: string | null;
  /** the part's bytes; read it at most once */
  body: AsyncGenerator<Uint8Array, void, void>;
};

export type MultipartHead = {
  fields: Record<string, string>;
  file: FilePart | null;
  /** stop reading the request (after a refusal) */
  cancel: () => Promise<void>;
};

export type MultipartLimits = { fieldBytes: number; fields: number; headerBytes: number };
const DEFAULT_LIMITS: MultipartLimits = { fieldBytes: 16 * 1024, fields: 20, headerBytes: 8 * 1024 };

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType.trim())) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

/** Parameters of a Content-Disposition header value (quoted strings and RFC 5987 `name*`). */
export function dispositionParams(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /;\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    const key = m[1].toLowerCase();
    let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3].trim();
    if (key.endsWith("*")) {
      const ext = /^([\w-]+)'[^']*'(.*)$/.exec(v);
      if (ext && /^utf-8$/i.test(ext[1])) {
        try {
          v = decodeURIComponent(ext[2]);
        } catch {
          continue;
        }
        out[key.slice(0, -1)] = v; // the extended form wins over the plain one
        continue;
      }
    }
    if (!(key in out)) out[key] = v;
  }
  return out;
}

export async function readMultipartHead(
  body: ReadableStream<Uint8Array> | null,
  contentType: string | null,
  limits: MultipartLimits = DEFAULT_LIMITS,
): Promise<MultipartHead> {
  const boundary = boundaryOf(contentType);
  if (!boundary || !body) throw new MultipartError("请以 multipart/form-data 表单上传文件");
  const reader = body.getReader();
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.alloc(0);
  let ended = false;
  const cancel = async () => {
    await reader.cancel().catch(() => {});
  };

  async function more(): Promise<boolean> {
    if (ended) return false;
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      return false;
    }
    buf = buf.length ? Buffer.concat([buf, value]) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return true;
  }
  const fail = async (message: string): Promise<never> => {
    await cancel();
    throw new MultipartError(message);
  };
  const truncated = "上传的数据不完整（连接可能已中断），请重试";

  // preamble, then the first boundary
  for (;;) {
    const i = buf.indexOf(dashBoundary);
    if (i >= 0) {
      buf = buf.subarray(i + dashBoundary.length);
      break;
    }
    if (buf.length > limits.headerBytes) return fail("表单格式不正确");
    if (!(await more())) return fail(truncated);
  }

  const fields: Record<string, string> = {};
  let count = 0;
  for (;;) {
    while (buf.length < 2) if (!(await more())) return fail(truncated);
    if (buf[0] === 0x2d && buf[1] === 0x2d) return { fields, file: null, cancel }; // "--": the closing boundary
    // transport padding after a boundary is allowed before its CRLF
    let pad = 0;
    while (pad < buf.length && (buf[pad] === 0x20 || buf[pad] === 0x09)) pad++;
    buf = buf.subarray(pad);
    while (buf.length < 2) if (!(await more())) return fail(truncated);
    if (!buf.subarray(0, 2).equals(CRLF)) return fail("表单格式不正确");

    // headers: from the CRLF after the boundary to the blank line
    let end: number;
    for (;;) {
      end = buf.length >= 4 && buf.subarray(0, 4).equals(HEADER_END) ? 0 : buf.indexOf(HEADER_END, 2);
      if (end >= 0) break;
      if (buf.length > limits.headerBytes) return fail("表单字段头过长");
      if (!(await more())) return fail(truncated);
    }
    const headerText = end > 2 ? buf.subarray(2, end).toString("utf8") : "";
    buf = buf.subarray(end + HEADER_END.length);
    const headers = new Map<string, string>();
    for (const line of headerText.split("\r\n")) {
      const c = line.indexOf(":");
      if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
    }
    const disposition = headers.get("content-disposition") ?? "";
    if (!/^form-data\b/i.test(disposition)) return fail("表单格式不正确");
    const params = dispositionParams(disposition);
    const name = params.name ?? "";

    if ("filename" in params) {
      async function* fileBody(): AsyncGenerator<Uint8Array, void, void> {
        const keep = delimiter.length - 1;
        for (;;) {
          const i = buf.indexOf(delimiter);
          if (i >= 0) {
            if (i > 0) yield buf.subarray(0, i);
            buf = buf.subarray(i + delimiter.length);
            return;
          }
          if (buf.length > keep) {
            const chunk = buf.subarray(0, buf.length - keep);
            buf = buf.subarray(buf.length - keep);
            yield chunk;
          }
          if (!(await more())) await fail(truncated);
        }
      }
      return { fields, file: { fieldName: name, fileName: params.filename, contentType: headers.get("content-type") ?? null, body: fileBody() }, cancel };
    }

    if (++count > limits.fields) return fail("表单字段过多");
    let i: number;
    for (;;) {
      i = buf.indexOf(delimiter);
      if (i >= 0) break;
      if (buf.length > limits.fieldBytes + delimiter.length) return fail(`表单字段“${name}”过长`);
      if (!(await more())) return fail(truncated);
    }
    if (i > limits.fieldBytes) return fail(`表单字段“${name}”过长`);
    fields[name] = buf.subarray(0, i).toString("utf8");
    buf = buf.subarray(i + delimiter.length);
  }
}
