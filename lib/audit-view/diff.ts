// Before/after of an audit row as readable lines ("缺席或迟到 7 次 → 8 次"), not raw JSON.
// Fact payloads are described with the item's rule, so events, levels and months read as
// the reviewer entered them. Pure: the caller passes the rule lookups.
import { ROLE_LABELS, isRole } from "../auth/permissions";
import { UNIT_GROUP_LABELS } from "../admin/constants";
import type { TModifier, TRule } from "../rules/schema";
import { ruleType } from "../rules/types";
import { fieldLabel } from "./labels";

export type DiffRow = { label: string; before: string; after: string };

export type DiffContext = {
  rule?: TRule;
  /** the item's 分解表 column names (values entered per column) */
  columnName?: (code: string) => string;
  preconditions?: { code: string; label: string }[];
  modifiers?: TModifier[];
  unitName: (code: string) => string;
  itemName: (code: string) => string;
  partName: (code: string) => string;
};

const STATUS: Record<string, string> = { draft: "草稿", submitted: "已提交", returned: "已退回", reviewed: "已审核" };


const EMPTY = "—";

const EVIDENCE_KINDS: Record<string, string> = { file: "文件", link: "链接" };

const MIME_LABELS: Record<string, string> = {
  "application/pdf": "PDF 文档",
  "image/png": "PNG 图片",
  "image/jpeg": "JPEG 图片",
  "image/gif": "GIF 图片",
  "image/webp": "WebP 图片",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel 表格（.xlsx）",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档（.docx）",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint 演示文稿（.pptx）",
  "application/vnd.ms-excel": "Excel 表格（.xls）",
  "application/msword": "Word 文档（.doc）",
  "application/zip": "ZIP 压缩包",
  "text/plain": "纯文本",
  "text/csv": "CSV 表格",
};

function mimeLabel(mime: string): string {
  if (!mime) return EMPTY;
  return MIME_LABELS[mime.toLowerCase()] ?? `其他格式（${mime}）`;
}

/** 2500000 → "2.4 MB" (binary units, the way file managers show them). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function compact(v: unknown): string {
  if (v === null || v === undefined || v === "") return EMPTY;
  if (typeof v === "string") return isoToShanghai(v) ?? v;
  if (typeof v === "number" || typeof v === "boolean") return v === true ? "是" : v === false ? "否" : String(v);
  if (Array.isArray(v)) return v.length ? v.map(compact).join("、") : "（无）";
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${fieldLabel(k)}：${compact(x)}`)
    .join("；");
}

function isoToShanghai(s: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return null;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  return formatShanghai(d);
}

export function formatShanghai(d: Date): string {
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false })
    .format(d)
    .replace(/\//g, "-");
}

/** A rule-typed value as the reviewer would say it; `columnName` names the columns of a per-column value. */
export function describeValue(rule: TRule | undefined, value: unknown, columnName: (code: string) => string = (c) => c): string {
  if (value === undefined || value === null) return EMPTY;
  const v = value as Record<string, unknown>;
  const perColumn = Array.isArray(v.columns) ? (v.columns as { column: string; monthly?: unknown[]; score?: unknown }[]) : null;
  switch (rule?.type) {
    case "count": {
      const items = ((v.items as string[]) ?? []).filter((s) => s.trim());
      return items.length ? `${items.join("、")}（${items.length} 个${rule.itemLabel}）` : `无${rule.itemLabel}`;
    }
    case "binary":
      return [v.yes ? "是" : "否", v.reference ? `依据：${v.reference}` : null, v.date ? `日期：${v.date}` : null].filter(Boolean).join("；");
    case "ratio":
      return `${v.numerator} ÷ ${v.denominator ?? rule.saturateAt ?? "?"}${Array.isArray(v.list) && v.list.length ? `（清单 ${v.list.length} 项）` : ""}`;
    case "deduction": {
      const kinds = new Map(rule.pools.flatMap((p) => p.kinds).map((k) => [k.code, k]));
      const events = (v.events as { kind: string; count?: number; date?: string; fixedDate?: string | null }[]) ?? [];
      const inventory = (v.inventory as { unit?: string; count: number }[] | undefined) ?? [];
      const inv = inventory.length ? `配备清单：${inventory.map((e) => `${e.unit ?? "本单位"} ${e.count} 个`).join("、")}` : "";
      if (!events.length) return inv || "无扣分事项";
      return (inv ? `${inv}；` : "") + events
        .map((e) => {
          const k = kinds.get(e.kind);
          const extra = [e.date, k?.lateFix ? (e.fixedDate ? `${e.fixedDate} 整改` : "未整改") : null].filter(Boolean).join("，");
          return `${k?.name ?? e.kind} ${e.count ?? 1} ${k?.eventUnit ?? "次"}${extra ? `（${extra}）` : ""}`;
        })
        .join("；");
    }
    case "tiers":
      if (perColumn) return perColumn.map((c) => `${columnName(c.column)}：${(c.monthly ?? []).map((m, i) => `${i + 1}月 ${m ?? EMPTY}`).join("，")}`).join("；");
      if (Array.isArray(v.monthly)) return (v.monthly as unknown[]).map((m, i) => `${i + 1}月 ${m ?? EMPTY}`).join("，");
      return String(v.value ?? EMPTY);
    case "choice": {
      const levels = (v.levels as string[]) ?? [];
      return levels.length ? levels.map((c) => rule.levels.find((l) => l.code === c)?.name ?? c).join("、") : rule.noneLabel;
    }
    case "rating":
      if (perColumn) return perColumn.map((c) => `${columnName(c.column)} ${c.score} 分`).join("；");
      return `${v.score} 分`;
    case "veto":
      return v.triggered ? `触发否决${v.reason ? `：${v.reason}` : ""}` : "未触发";
    default:
      // a type's own plain-Chinese description of its value (lib/rules/types/<type>: describeValue)
      return rule ? ruleType(rule).describeValue(rule, v).join("；") : compact(value);
  }
}

/** One side of an audit row as label → text (fact payloads flattened and described). */
function readable(side: unknown, ctx: DiffContext): Map<string, string> {
  const out = new Map<string, string>();
  if (side === null || side === undefined) return out;
  if (typeof side !== "object" || Array.isArray(side)) {
    out.set("内容", compact(side));
    return out;
  }
  for (const [k, v] of Object.entries(side as Record<string, unknown>)) {
    if (k === "payload" && v && typeof v === "object") {
      for (const [pk, pv] of readable(v, ctx)) out.set(pk, pv);
      continue;
    }
    const label = fieldLabel(k);
    let text: string;
    switch (k) {
      case "value":
        text = describeValue(ctx.rule, v, ctx.columnName);
        break;
      case "status":
        text = STATUS[String(v)] ?? compact(v);
        break;
      case "notApplicable":
        text = v ? `不适用：${(v as { reason?: string }).reason ?? ""}` : EMPTY;
        break;
      case "conditions":
        text = Object.entries((v as Record<string, boolean>) ?? {})
          .map(([c, ok]) => `${ctx.preconditions?.find((p) => p.code === c)?.label ?? c}：${ok ? "满足" : "不满足"}`)
          .join("；");
        break;
      case "modifiers":
        text = ((v as { code: string; reason: string }[]) ?? []).map((m) => `${ctx.modifiers?.find((x) => x.code === m.code)?.name ?? m.code}（${m.reason}）`).join("；") || "（无）";
        break;
      case "override":
        text = v ? `${(v as { score: string }).score} 分（${(v as { reason: string }).reason}）` : EMPTY;
        break;
      case "partCode":
        text = ctx.partName(String(v));
        break;
      case "kind":
        text = EVIDENCE_KINDS[String(v)] ?? compact(v);
        break;
      case "mimeType":
        text = mimeLabel(String(v ?? ""));
        break;
      case "sizeBytes":
        text = typeof v === "number" ? formatBytes(v) : compact(v);
        break;
      case "roles":
        text = Array.isArray(v) ? v.map((r) => (isRole(String(r)) ? ROLE_LABELS[String(r) as keyof typeof ROLE_LABELS] : String(r))).join("、") || "（无）" : compact(v);
        break;
      case "unitCode":
        text = v ? `${ctx.unitName(String(v))}` : EMPTY;
        break;
      case "group":
        text = UNIT_GROUP_LABELS[String(v) as keyof typeof UNIT_GROUP_LABELS] ?? compact(v);
        break;
      case "acceptedAsSubmitted":
        text = ((v as string[]) ?? []).map(ctx.unitName).join("、") || "（无）";
        break;
      case "resubmittedItems":
        text = ((v as string[]) ?? []).map(ctx.itemName).join("、") || "（无）";
        break;
      default:
        text = compact(v);
    }
    out.set(label, text);
  }
  return out;
}

/** The rows that differ between before and after (a created thing shows its after side only). */
export function diffAudit(before: unknown, after: unknown, ctx: DiffContext): DiffRow[] {
  const b = readable(before, ctx);
  const a = readable(after, ctx);
  const rows: DiffRow[] = [];
  for (const label of new Set([...b.keys(), ...a.keys()])) {
    const bt = b.get(label) ?? EMPTY;
    const at = a.get(label) ?? EMPTY;
    if (bt !== at) rows.push({ label, before: bt, after: at });
  }
  return rows;
}
