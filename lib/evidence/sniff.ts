import "server-only";
// Content sniffing of a staged upload (file-type reads magic bytes, and looks inside zip
// containers to tell docx/xlsx/pptx from a plain zip).
import { fileTypeFromFile } from "file-type";
import { judgeFileType, type Sniffed } from "./policy";

export async function sniffFile(filePath: string, fileName: string): Promise<Sniffed> {
  const detected = await fileTypeFromFile(filePath).catch(() => undefined);
  return judgeFileType(detected, fileName);
}
