// The whole edition as one value (what a draft stores and the editor sends): the manifest
// fields, the parts and the units. Parsed with the rules/ format's own zod schemas, then
// cross-checked by the same validator as `npm run rules:check`.
import { z } from "zod";
import { ZReadingChoices } from "../rules/readings";
import { checkEditionData as checkEditionReferences } from "../rules/edition-data";
import { ZCode, ZDeadlineItem, ZMethod, ZMonitoring, ZPart, ZPrevious, ZUnitsFile, type TEdition } from "../rules/schema";
import { defaultEditionFiles, validateEdition, type Issue } from "../rules/validate";

export const ZEditionKey = ZCode.max(64, "版本代码最长 64 个字符");
export const ZEditionYear = z.number().int().min(2000, "年度应在 2000–2100 之间").max(2100, "年度应在 2000–2100 之间");
export const ZEditionId = z.number().int().positive();

export const ZEditionData = z
  .object({
    id: ZEditionKey,
    name: z.string().min(1, "请填写版本名称").max(200),
    year: ZEditionYear,
    source: z.string().optional(),
    overall: z.enum(["weighted-mean"]).optional(),
    readings: ZReadingChoices.optional(),
    evidenceMethods: z.array(ZMethod).optional(),
    preview: z.boolean().optional(),
    deadlines: z.array(ZDeadlineItem).optional(),
    monitoring: ZMonitoring.optional(),
    /** the parsed demo.yaml (lib/demo checks it against the rules) */
    demo: z.unknown().optional(),
    previous: ZPrevious.optional(),
    parts: z.array(ZPart).min(1),
  })
  .extend(ZUnitsFile.shape)
  .strict();

export type EditionCheck =
  | { ok: true; edition: TEdition; warnings: Issue[] }
  | { ok: false; errors: Issue[]; warnings: Issue[] };

const zhCN = z.locales.zhCN().localeError;

/** Parse and validate a whole edition value. Issues name the rules/ file and the path in it. */
export function checkEditionData(raw: unknown): EditionCheck {
  const parsed = ZEditionData.safeParse(raw, { error: (iss) => zhCN(iss) });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((iss): Issue => locateZodPath(iss.path, iss.message));
    return { ok: false, errors, warnings: [] };
  }
  const edition = parsed.data as TEdition;
  const r = validateEdition(edition, defaultEditionFiles(edition));
  if (r.errors.length === 0) r.errors.push(...checkEditionReferences(edition, "edition.yaml"));
  return r.errors.length > 0 ? { ok: false, errors: r.errors, warnings: r.warnings } : { ok: true, edition, warnings: r.warnings };
}

/** A zod path over the whole value → the file + dotted path the validator would use. */
function locateZodPath(path: readonly PropertyKey[], message: string): Issue {
  const fmt = (p: readonly PropertyKey[]) => p.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i === 0 ? "" : "."}${String(s)}`)).join("");
  if (path[0] === "parts" && typeof path[1] === "number") return { file: `part${path[1] + 1}.yaml`, path: fmt(path.slice(2)), message };
  if (path[0] === "units" || path[0] === "collectives") return { file: "units.yaml", path: fmt(path), message };
  return { file: "edition.yaml", path: fmt(path), message };
}

export const EDITION_STATUS_LABELS = { draft: "草稿", published: "已发布", active: "进行中", final: "已定稿" } as const;
export type EditionDisplayStatus = keyof typeof EDITION_STATUS_LABELS;
