// Loading uploaded rules/ files: written to a temporary folder and loaded with the loader
// and validator behind `npm run rules:check` (kept apart from yaml.ts so pages that only
// export do not pull the file-system loader into their bundle).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { loadEditionFromDir, type LoadResult } from "../rules/load";
import type { EditionFiles } from "./yaml";

const SAFE_NAME = /^[A-Za-z0-9_-]+\.ya?ml$/;

/** Load uploaded rules/ files (name → text) with the same loader and validator as rules:check. */
export function importEditionYaml(files: EditionFiles): LoadResult {
  const bad = Object.keys(files).filter((n) => !SAFE_NAME.test(n));
  if (bad.length) return { ok: false, errors: bad.map((n) => ({ file: n, path: "", message: "文件名只能是 edition.yaml、units.yaml、part1.yaml 这样的 YAML 文件" })), warnings: [] };
  if (!files["edition.yaml"]) return { ok: false, errors: [{ file: "edition.yaml", path: "", message: "缺少 edition.yaml" }], warnings: [] };
  // the manifest names the other files: only names like the uploaded ones, never a path out of the folder
  const outside = manifestRefs(files["edition.yaml"]).filter((n) => !SAFE_NAME.test(n));
  if (outside.length) return { ok: false, errors: outside.map((n) => ({ file: "edition.yaml", path: "", message: `edition.yaml 引用的文件“${n}”不是同一文件夹中的 YAML 文件` })), warnings: [] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edition-import-"));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const r = loadEditionFromDir(dir);
    const rel = (f: string) => path.relative(dir, f) || f;
    return r.ok ? { ...r, warnings: r.warnings.map((i) => ({ ...i, file: rel(i.file) })) } : { ok: false, errors: r.errors.map((i) => ({ ...i, file: rel(i.file) })), warnings: r.warnings.map((i) => ({ ...i, file: rel(i.file) })) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The file names edition.yaml refers to (parts, units, demo); a file that does not parse is left to the loader. */
function manifestRefs(text: string): string[] {
  let m: unknown;
  try {
    m = parse(text);
  } catch {
    return [];
  }
  if (!m || typeof m !== "object") return [];
  const { parts, units, demo } = m as { parts?: unknown; units?: unknown; demo?: unknown };
  return [...(Array.isArray(parts) ? parts : []), units, demo].filter((x): x is string => typeof x === "string");
}
