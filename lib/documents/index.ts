import "server-only";
// Download responses of the official documents (Word); the print pages under app/documents
// render the same data for PDF (the browser's print, in Chromium).
import { attachmentHeader, shanghaiDate } from "../dashboard/xlsx";
import { getBulletinData, getNoticeData } from "./data";
import { bulletinDocx, DOCX_MIME, noticeDocx } from "./docx";

export { getBulletinData, getNoticeData, type BulletinData, type NoticeData } from "./data";

function docxResponse(file: Buffer, name: string, ascii: string): Response {
  return new Response(new Uint8Array(file), { headers: { "Content-Type": DOCX_MIME, "Content-Disposition": attachmentHeader(ascii, name), "Cache-Control": "no-store" } });
}

export async function bulletinResponse(editionId?: number): Promise<Response> {
  const d = await getBulletinData(editionId);
  const date = shanghaiDate();
  return docxResponse(await bulletinDocx(d), `考核结果通报-${date}.docx`, `results-bulletin-${date}.docx`);
}

export async function noticeResponse(unitCode: string, editionId?: number): Promise<Response> {
  const d = await getNoticeData(unitCode, editionId);
  const date = shanghaiDate();
  return docxResponse(await noticeDocx(d), `${d.unit.name}扣分说明及整改通知-${date}.docx`, `${d.unit.code}-notice-${date}.docx`);
}
