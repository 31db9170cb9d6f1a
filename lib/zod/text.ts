// Free text entered by users (notes, reasons, comments, titles, names): one schema, one set of
// limits, one set of Chinese messages, used at every boundary. Besides the length, it refuses
// what PostgreSQL cannot store (NUL, lone UTF-16 surrogates: a 500 otherwise) and other
// invisible control characters; tab and line breaks are kept.
import { z } from "zod";

export const TEXT_LIMITS = {
  /** names of things counted, document numbers, evidence titles */
  name: 200,
  title: 200,
  /** 理由: not applicable, modifiers, adjustments, extensions, reopening, renames */
  reason: 1000,
  /** reviewers' 审核意见 / 退回意见 */
  comment: 1000,
  /** 备注 / 说明 */
  note: 2000,
  /** people's and units' names */
  shortName: 50,
} as const;
export type TextKind = keyof typeof TEXT_LIMITS;

const DEFAULT_LABEL: Record<TextKind, string> = { name: "名称", title: "标题", reason: "理由", comment: "意见", note: "说明", shortName: "名称" };

// C0 controls except \t \n \r, DEL, and a surrogate half without its partner
const UNSAVABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string has a character that cannot (or should not) be stored. */
export function hasUnsavableChars(s: string): boolean {
  return UNSAVABLE.test(s);
}

/**
 * A trimmed free-text string of the given kind. Chain `.min(1, "请填写…")` where it is required.
 * `label` names the field in messages (default: the kind's name).
 */
export function freeText(kind: TextKind, label: string = DEFAULT_LABEL[kind]) {
  const max = TEXT_LIMITS[kind];
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}最多 ${max} 字`)
    .refine((s) => !hasUnsavableChars(s), `${label}含有无法保存的字符（空字符、控制字符或不完整的 Unicode 字符），请删除后重试`);
}

export const ZName = freeText("name");
export const ZTitle = freeText("title");
export const ZReason = freeText("reason");
export const ZComment = freeText("comment");
export const ZNote = freeText("note");
export const ZPersonName = freeText("shortName", "姓名");

/** A search box or filter from the URL: trimmed, bounded, never a character PostgreSQL refuses. */
export function searchText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasUnsavableChars(s));
}
