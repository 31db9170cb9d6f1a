// LibreOffice headless (soffice --convert-to pdf) and poppler's pdftotext/pdftoppm, for the
// tests that check how our xlsx/docx files open and print in an office suite.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The LibreOffice binary, or undefined when it is not installed (CI requires it). */
export const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));

/**
 * Converts `files` to PDF into `outDir` with one soffice start (one start for many files is
 * much cheaper than one per file). Each call has its own LibreOffice profile, removed after,
 * so parallel test files do not lock each other's profile.
 */
export function convertToPdf(files: string[], outDir: string, timeoutMs = 180_000): void {
  if (!SOFFICE) throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui");
  const profile = mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  try {
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, ...files], {
      stdio: "pipe",
      timeout: timeoutMs,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A PDF's text from pdftotext (`layout`: keep the page layout, as -layout does). */
export function pdfText(pdf: string, { layout = true }: { layout?: boolean } = {}): string {
  return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), pdf, "-"], { encoding: "utf8" });
}
