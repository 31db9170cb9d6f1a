// The evidence upload the 佐证材料 panel sends (POST /api/evidence, multipart): the form
// fields (editionId, unitCode, itemCode, and optional title / coversFrom / coversTo) first,
// then the file. Integration tests call the route handler with the Request; e2e specs send
// the FormData over HTTP.
export type EvidenceFields = { editionId: number | string; unitCode: string; itemCode: string } & Record<string, string | number>;

/** A small PDF: the header, `bytes` of filler and the trailer (enough for the type sniffing). */
export function fillerPdf(bytes: number, fill = 0x41): Buffer {
  return Buffer.concat([Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"), Buffer.alloc(bytes, fill), Buffer.from("\n%%EOF\n")]);
}

export function evidenceForm(fields: EvidenceFields, file: Buffer, fileName: string): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  form.set("file", new Blob([new Uint8Array(file)]), fileName);
  return form;
}

/** The upload as a Request for the route handler (app/api/evidence/route.ts) in-process. */
export function evidenceUploadRequest(fields: EvidenceFields, file: Buffer, fileName: string, url = "http://localhost/api/evidence"): Request {
  return new Request(url, { method: "POST", body: evidenceForm(fields, file, fileName) });
}
