// Loads an edition folder (rules/<id>/): parses each YAML file, validates it with the zod
// schemas, then cross-checks the whole edition (validate.ts). Every issue names its file,
// a dotted path inside it and, where the YAML has it, the line.
import fs from "node:fs";
import path from "node:path";
import { Document, LineCounter, parseDocument, type YAMLError } from "yaml";
import { z } from "zod";
import { ZEditionFile, ZPart, ZUnitsFile, type TEdition, type TPart } from "./schema";
import { formatIssue, validateEdition, type Issue } from "./validate";
import { checkEditionData } from "./edition-data";

export type { Issue } from "./validate";

export type LoadResult =
  | { ok: true; edition: TEdition; warnings: Issue[] }
  | { ok: false; errors: Issue[]; warnings: Issue[] };

type Source = { file: string; doc: Document; lines: LineCounter };

const zhCN = z.locales.zhCN().localeError;

/** Chinese messages for the issues the zh-CN locale words poorly. */
const zodErrorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === "invalid_union") {
    const discriminated = iss as { note?: string; options?: unknown[] };
    if (discriminated.note === "No matching discriminator") {
      return `类型不正确：应为 ${(discriminated.options ?? []).map(String).join("、")} 之一`;
    }
    if (typeof iss.input === "number") {
      return `小数请写成带引号的字符串（如 "0.05"），避免经过二进制浮点；整数可直接写（收到 ${iss.input}）`;
    }
    return "应为非负小数（如 \"0.05\"）或非负整数";
  }
  return zhCN(iss);
};

/** "indicators[0].children[2].rule" → ["indicators", 0, "children", 2, "rule"] */
export function parseIssuePath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function formatZodPath(p: readonly PropertyKey[]): string {
  return p.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : `${i === 0 ? "" : "."}${String(seg)}`)).join("");
}

/** Line of the YAML node at `issuePath` (or of its nearest existing ancestor). */
function lineOf(src: Source, issuePath: string): number | undefined {
  const segs = parseIssuePath(issuePath);
  for (let n = segs.length; n >= 0; n--) {
    const node = n === 0 ? src.doc.contents : src.doc.getIn(segs.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return src.lines.linePos(range[0]).line;
  }
  return undefined;
}

function readYaml(file: string, errors: Issue[], warnings: Issue[]): { data: unknown; src: Source } | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    errors.push({ file, path: "", message: `找不到或无法读取文件 ${file}` });
    return null;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const toIssue = (e: YAMLError, kind: string): Issue => {
    const pos = e.linePos?.[0];
    const first = e.message.split("\n")[0].replace(/[:：]\s*$/, "");
    return { file, path: "", line: pos?.line, message: `${kind}${pos ? `（第${pos.line}行第${pos.col}列）` : ""}：${first}` };
  };
  for (const w of doc.warnings) warnings.push(toIssue(w, "YAML 警告"));
  if (doc.errors.length > 0) {
    for (const e of doc.errors) errors.push(toIssue(e, "YAML 语法错误"));
    return null;
  }
  return { data: doc.toJS({ maxAliasCount: 100 }), src: { file, doc, lines } };
}

function parseWith<T>(schema: z.ZodType<T>, loaded: { data: unknown; src: Source }, errors: Issue[]): T | null {
  const r = schema.safeParse(loaded.data, { error: zodErrorMap });
  if (r.success) return r.data;
  for (const iss of r.error.issues) {
    const p = formatZodPath(iss.path);
    errors.push({ file: loaded.src.file, path: p, message: iss.message, line: lineOf(loaded.src, p) });
  }
  return null;
}

/** Load and validate one edition folder. Never throws for bad data: problems come back as issues. */
export function loadEditionFromDir(dir: string): LoadResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const sources = new Map<string, Source>();
  const fail = (): LoadResult => ({ ok: false, errors, warnings });

  const editionPath = path.join(dir, "edition.yaml");
  const editionYaml = readYaml(editionPath, errors, warnings);
  if (!editionYaml) return fail();
  sources.set(editionPath, editionYaml.src);
  const manifest = parseWith(ZEditionFile, editionYaml, errors);
  if (!manifest) return fail();

  const unitsPath = path.join(dir, manifest.units);
  const unitsYaml = readYaml(unitsPath, errors, warnings);
  const unitsFile = unitsYaml ? parseWith(ZUnitsFile, unitsYaml, errors) : null;
  if (unitsYaml) sources.set(unitsPath, unitsYaml.src);

  const partPaths = manifest.parts.map((p) => path.join(dir, p));
  const parts: (TPart | null)[] = partPaths.map((p) => {
    const y = readYaml(p, errors, warnings);
    if (!y) return null;
    sources.set(p, y.src);
    return parseWith(ZPart, y, errors);
  });
  // the edition's demo data (optional): parsed here, checked by lib/demo against the rules
  let demo: unknown;
  if (manifest.demo) {
    const demoPath = path.join(dir, manifest.demo);
    const demoYaml = readYaml(demoPath, errors, warnings);
    if (demoYaml) {
      sources.set(demoPath, demoYaml.src);
      demo = demoYaml.data;
    }
  }
  if (!unitsFile || parts.some((p) => p === null) || errors.length > 0) return fail();

  const edition: TEdition = {
    id: manifest.id,
    name: manifest.name,
    year: manifest.year,
    source: manifest.source,
    overall: manifest.overall,
    readings: manifest.readings,
    ...(manifest.evidenceMethods ? { evidenceMethods: manifest.evidenceMethods } : {}),
    ...(manifest.preview ? { preview: true } : {}),
    ...(manifest.deadlines ? { deadlines: manifest.deadlines } : {}),
    ...(manifest.monitoring ? { monitoring: manifest.monitoring } : {}),
    ...(demo !== undefined ? { demo } : {}),
    ...(manifest.previous ? { previous: manifest.previous } : {}),
    parts: parts as TPart[],
    units: unitsFile.units,
    collectives: unitsFile.collectives,
  };
  const checked = validateEdition(edition, { edition: editionPath, units: unitsPath, parts: partPaths });
  const withLine = (i: Issue): Issue => {
    const src = sources.get(i.file);
    return i.line === undefined && src ? { ...i, line: lineOf(src, i.path) } : i;
  };
  errors.push(...checked.errors.map(withLine));
  if (checked.errors.length === 0) errors.push(...checkEditionData(edition, editionPath).map(withLine));
  warnings.push(...checked.warnings.map(withLine));
  return errors.length > 0 ? fail() : { ok: true, edition, warnings };
}

/** Like loadEditionFromDir, but throws one readable error listing every problem. */
export function loadEditionOrThrow(dir: string): TEdition {
  const r = loadEditionFromDir(dir);
  if (r.ok) return r.edition;
  throw new Error(`规则版本 ${dir} 校验失败：\n${r.errors.map(formatIssue).join("\n")}`);
}

/** Edition folders (those with an edition.yaml) directly under `rulesRoot`, sorted by name. */
export function listEditionDirs(rulesRoot = "rules"): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(rulesRoot, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(rulesRoot, e.name, "edition.yaml")))
    .map((e) => path.join(rulesRoot, e.name))
    .sort();
}
