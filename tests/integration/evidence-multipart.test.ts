// The streaming multipart reader behind evidence uploads: fields before the file, the file
// as a stream, delimiters split across chunks, and refusals of malformed bodies. (Pure, but
// kept beside the other evidence tests.)
import { describe, expect, it } from "vitest";
import { boundaryOf, dispositionParams, MultipartError, readMultipartHead } from "@/lib/evidence/multipart";

async function serialise(form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> {
  const req = new Request("http://x/", { method: "POST", body: form });
  return { bytes: new Uint8Array(await req.arrayBuffer()), contentType: req.headers.get("content-type")! };
}

/** The bytes as a stream of `size`-byte chunks. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= bytes.length) return c.close();
      c.enqueue(bytes.slice(i, i + size));
      i += size;
    },
  });
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe("readMultipartHead", () => {
  const content = Buffer.concat([Buffer.from("%PDF-1.4\r\n--not-a-boundary\r\n"), Buffer.alloc(70_000, 7), Buffer.from("\r\n-")]);

  it.each([1, 7, 64, 4096, 1 << 20])("reads fields and then streams the file exactly (chunks of %i bytes)", async (size) => {
    const form = new FormData();
    form.set("editionId", "3");
    form.set("title", "全年 \"统计\"\r\n第二行");
    form.set("file", new Blob([content]), "报告 2017.pdf");
    const { bytes, contentType } = await serialise(form);
    const head = await readMultipartHead(chunked(bytes, size), contentType);
    expect(head.fields).toEqual({ editionId: "3", title: "全年 \"统计\"\r\n第二行" });
    expect(head.file).toMatchObject({ fieldName: "file", fileName: "报告 2017.pdf", contentType: "application/octet-stream" });
    expect((await collect(head.file!.body)).equals(content)).toBe(true);
  });

  it("returns no file when the form has none", async () => {
    const form = new FormData();
    form.set("a", "1");
    const { bytes, contentType } = await serialise(form);
    const head = await readMultipartHead(chunked(bytes, 5), contentType);
    expect(head).toMatchObject({ fields: { a: "1" }, file: null });
  });

  it("refuses a body that is not multipart, a cut-off body, and an oversized field", async () => {
    await expect(readMultipartHead(chunked(Buffer.from("x"), 1), "text/plain")).rejects.toThrow(MultipartError);
    const form = new FormData();
    form.set("file", new Blob([content]), "a.pdf");
    const { bytes, contentType } = await serialise(form);
    const cut = await readMultipartHead(chunked(bytes.slice(0, bytes.length - 100), 999), contentType);
    await expect(collect(cut.file!.body)).rejects.toThrow(/上传的数据不完整/);
    const long = new FormData();
    long.set("title", "长".repeat(10_000));
    const l = await serialise(long);
    await expect(readMultipartHead(chunked(l.bytes, 512), l.contentType)).rejects.toThrow(/过长/);
  });

  it("reads the boundary and RFC 5987 file names", () => {
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(boundaryOf("multipart/form-data; boundary=----x")).toBe("----x");
    expect(boundaryOf("application/json")).toBeNull();
    expect(dispositionParams(`form-data; name="file"; filename="a.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`)).toEqual({ name: "file", filename: "报告.pdf" });
  });
});
