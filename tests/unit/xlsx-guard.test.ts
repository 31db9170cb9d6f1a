// The shared zip-bomb guard in front of every xlsx upload (lib/xlsx/guard.ts).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkXlsxArchive, XLSX_LIMITS, XlsxRejected } from "@/lib/xlsx/guard";
import { manyEntries, zipBomb } from "../e2e/support/zip-bomb";

async function refusal(bytes: Uint8Array): Promise<{ err: XlsxRejected; ms: number }> {
  const t0 = performance.now();
  const err = await checkXlsxArchive(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(XlsxRejected);
  return { err: err as XlsxRejected, ms };
}

describe("checkXlsxArchive", () => {
  it("accepts a real workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("用户");
    for (let i = 0; i < 200; i++) ws.addRow([`user-${i}`, "张三", "填报员", "三元区"]);
    await expect(checkXlsxArchive(new Uint8Array(await wb.xlsx.writeBuffer()))).resolves.toBeUndefined();
  });

  it("refuses a zip whose directory declares 200 MB, without inflating it", async () => {
    const bomb = zipBomb(200);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const { err, ms } = await refusal(bomb);
    expect(err.reason).toBe("too-large");
    expect(err.message).toMatch(/文件内容过大：解压后超过 50 MB/);
    expect(ms).toBeLessThan(200);
  });

  it("refuses a zip whose directory lies (declares 1 KiB for 200 MB): stopped at the declared size", async () => {
    const { err, ms } = await refusal(zipBomb(200, { lie: true }));
    expect(err.reason).toBe("too-large");
    expect(ms).toBeLessThan(200);
  });

  it("refuses an entry with an absurd compression ratio even under the size limit", async () => {
    const { err } = await refusal(zipBomb(40));
    expect(err.reason).toBe("ratio");
  });

  it(`refuses more than ${XLSX_LIMITS.maxEntries} entries`, async () => {
    const { err } = await refusal(manyEntries(1001));
    expect(err.reason).toBe("too-many-entries");
    expect(err.message).toMatch(/条目过多/);
  });

  it("refuses what is not a zip, and a truncated zip", async () => {
    expect((await refusal(new TextEncoder().encode("hello"))).err.reason).toBe("not-zip");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("a").addRow(["x"]);
    const whole = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await refusal(whole.subarray(0, whole.length - 100))).err.reason).toBe("corrupt");
  });
});
