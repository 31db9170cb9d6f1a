import "server-only";
// The export responses: build the workbook from the engine's current results and name
// the file after the edition and the day.
import { UserError } from "../auth/guard";
import { getResults, getResultsMeta, getScorecardPage } from "./data";
import { attachmentHeader, buildResultsWorkbook, buildScorecardWorkbook, resultsFileName, scorecardFileName, shanghaiDate, XLSX_MIME } from "./xlsx";

function xlsxResponse(file: Buffer, names: { name: string; ascii: string }): Response {
  return new Response(new Uint8Array(file), {
    headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentHeader(names.ascii, names.name), "Cache-Control": "no-store" },
  });
}

export async function exportResults(editionId?: number): Promise<Response> {
  const res = await getResults(editionId);
  if (!res) throw new UserError("尚未导入考核年度", 404);
  const meta = await getResultsMeta(res);
  const now = new Date();
  const file = await buildResultsWorkbook({ result: res.result, compiled: res.ctx.compiled, parts: meta.parts, edition: meta.edition, demo: meta.demo, generatedAt: now });
  return xlsxResponse(file, resultsFileName(meta.edition, shanghaiDate(now)));
}

export async function exportScorecard(unitCode: string, editionId?: number): Promise<Response> {
  const page = await getScorecardPage(unitCode, editionId);
  if (!page) throw new UserError("找不到该单位的记分卡", 404);
  const now = new Date();
  const file = await buildScorecardWorkbook({ view: page.view, edition: page.meta.edition, demo: page.meta.demo, generatedAt: now });
  return xlsxResponse(file, scorecardFileName(page.meta.edition, page.unit, shanghaiDate(now)));
}
