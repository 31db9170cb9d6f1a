// Check scoring input against an edition. Unknown units, items, kinds, levels, modifiers
// and preconditions are errors (never ignored). Messages are Chinese and name the JSON path.
import type { z } from "zod";
import type { CompiledEdition, CompiledLeaf } from "./compile";
import { leafConcernsUnit } from "./compile";
import { fmt, parseExact, add } from "./exact";
import { ZItemFactEnvelope, ZPostPenalty, type TItemFact, type TScoringInput } from "./facts";
import { ruleType } from "../rules/types";
import { listCodes } from "../rules/types/kit";

export type InputIssue = { path: string; message: string };
export type InputValidation =
  | { ok: true; input: TScoringInput; warnings: InputIssue[] }
  | { ok: false; errors: InputIssue[]; warnings: InputIssue[] };

export function formatIssue(i: InputIssue): string {
  return i.path ? `${i.path}: ${i.message}` : i.message;
}

// ---- zod issues in Chinese -------------------------------------------------------------

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: "字符串",
  number: "数字",
  int: "整数",
  boolean: "布尔值（true/false）",
  object: "对象",
  array: "数组",
  null: "null",
  undefined: "空",
  bigint: "整数",
};

function typeOfInput(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

type RawIssue = z.core.$ZodIssue & { input?: unknown };

function issueMessage(issue: RawIssue): string {
  // schema-level messages are written in Chinese already; map zod's defaults
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return `缺少必填字段（应为${TYPE_NAMES[issue.expected] ?? issue.expected}）`;
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为${TYPE_NAMES[typeOfInput(issue.input)] ?? typeOfInput(issue.input)}`;
    }
    case "unrecognized_keys":
      return `出现未知字段：${issue.keys.map((k) => `“${k}”`).join("、")}`;
    case "invalid_value":
      return `应为以下之一：${issue.values.map((v) => JSON.stringify(v)).join("、")}`;
    case "too_small":
      if (issue.origin === "array") return `至少应有 ${issue.minimum} 项`;
      if (issue.origin === "string") return `不能为空`;
      return issue.message || `应不小于 ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "array") return `至多 ${issue.maximum} 项`;
      return issue.message || `应不大于 ${issue.maximum}`;
    case "invalid_union":
      return `格式不正确（不符合任何一种允许的写法）`;
    default:
      return issue.message;
  }
}

function zodIssues(error: z.ZodError, prefix: (string | number)[]): InputIssue[] {
  return error.issues.map((i) => {
    const raw = i as RawIssue;
    const path = [...prefix, ...i.path];
    // unrecognized keys: point at the object, the message names the keys
    return { path: formatPath(path), message: issueMessage(raw) };
  });
}

function safeParse<T extends z.ZodType>(schema: T, data: unknown, prefix: (string | number)[]): { ok: true; data: z.infer<T> } | { ok: false; issues: InputIssue[] } {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, issues: zodIssues(r.error, prefix) };
}

// ---- Rule-aware checks ----------------------------------------------------------------------

function valueSchemaFor(leaf: CompiledLeaf): { schema: z.ZodType; shape: string } {
  return ruleType(leaf.rule).valueSchema(leaf.rule);
}

function leafLabel(leaf: CompiledLeaf): string {
  return `“${leaf.name}”（${leaf.code}）`;
}

/** Checks of one value against its leaf's rule (the rule type's module); the value has the right shape already. */
function checkValue(leaf: CompiledLeaf, value: unknown, p: string, errors: InputIssue[], warnings: InputIssue[], year: number): void {
  ruleType(leaf.rule).check(leaf.rule, value, { leaf, path: p, errors, warnings, year });
}

function unitHint(compiled: CompiledEdition, code: string): string {
  const byName = compiled.units.find((u) => u.name === code || u.aliases.includes(code));
  if (byName) return `未知的单位代码 “${code}”：“${code}”是单位名称，应填写代码 “${byName.code}”`;
  return `未知的单位代码 “${code}”（单位代码见规则版本的 units.yaml）`;
}

function itemHint(compiled: CompiledEdition, code: string): string {
  const byName = compiled.leavesByName.get(code);
  if (byName && byName.length > 0) return `未知的指标代码 “${code}”：“${code}”是指标名称，应填写代码 ${byName.map((l) => `“${l.code}”`).join(" 或 ")}`;
  const node = [...compiled.leafByCode.values()].some((l) => l.pathNames.slice(0, -1).includes(code));
  if (node) return `“${code}”不是末级指标，事实只能填在末级指标上`;
  return `未知的指标代码 “${code}”（应为本规则版本中末级指标的代码）`;
}

/**
 * Validate one fact (already parsed structurally or not). Used for whole inputs and by
 * the UI for a single form. `path` prefixes messages, e.g. "facts[3]".
 */
export function validateItemFact(compiled: CompiledEdition, raw: unknown, path = "fact"): { fact?: TItemFact; errors: InputIssue[]; warnings: InputIssue[] } {
  const errors: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  const prefix = parsePrefix(path);
  const env = safeParse(ZItemFactEnvelope, raw, prefix);
  if (!env.ok) return { errors: env.issues, warnings };
  const f = env.data;
  const unit = compiled.unitByCode.get(f.unit);
  if (!unit) errors.push({ path: `${path}.unit`, message: unitHint(compiled, f.unit) });
  const leaf = compiled.leafByCode.get(f.item);
  if (!leaf) errors.push({ path: `${path}.item`, message: itemHint(compiled, f.item) });
  if (!unit || !leaf) return { errors, warnings };

  const city = compiled.city;
  if (leaf.scope === "city" && city) {
    if (f.unit !== city.code) {
      errors.push({ path: `${path}.unit`, message: `指标${leafLabel(leaf)}为全市统一考核项，事实应填在全市单位 “${city.code}” 下，而不是 “${f.unit}”` });
    }
  } else if (!leafConcernsUnit(compiled, leaf, f.unit)) {
    errors.push({ path: `${path}.unit`, message: `单位“${unit.name}”（${unit.code}）不是指标${leafLabel(leaf)}的考核对象` });
  }

  if (f.notApplicable) {
    if (!leaf.allowNotApplicable) errors.push({ path: `${path}.notApplicable`, message: `指标${leafLabel(leaf)}不允许标记为不适用` });
    if (f.value !== undefined) errors.push({ path: `${path}.notApplicable`, message: `标记为不适用时不应再填写 value` });
    if (f.override) errors.push({ path: `${path}.notApplicable`, message: `标记为不适用时不应再填写 override` });
    // 不适用 and a bonus contradict each other (a department that builds a 专题 is involved);
    // refused rather than dropping the bonus silently
    for (const m of f.modifiers ?? []) {
      const def = leaf.modifiers.get(m.code);
      if (def?.kind === "bonus") {
        errors.push({ path: `${path}.notApplicable`, message: `标记为不适用时不能同时申报加分“${def.name}”：主动建设专题的部门请取消“不适用”，按实际情况填写本项` });
      }
    }
  }

  let value: unknown = undefined;
  if (f.value !== undefined) {
    const { schema, shape } = valueSchemaFor(leaf);
    const parsed = safeParse(schema, f.value, [...prefix, "value"]);
    if (!parsed.ok) {
      errors.push({ path: `${path}.value`, message: `指标${leafLabel(leaf)}为${shape}` }, ...parsed.issues);
    } else {
      value = parsed.data;
      checkValue(leaf, value, `${path}.value`, errors, warnings, compiled.year);
    }
  }

  for (const code of Object.keys(f.conditions ?? {})) {
    if (!leaf.preconditions.some((p) => p.code === code)) {
      const allowed = leaf.preconditions.length > 0 ? `应为 ${listCodes(leaf.preconditions.map((p) => ({ code: p.code, name: p.label })))}` : `本项没有前提条件`;
      errors.push({ path: formatPath([...prefix, "conditions", code]), message: `未知的前提条件 “${code}”，${allowed}` });
    }
  }

  const seenMods = new Map<string, number>();
  (f.modifiers ?? []).forEach((m, i) => {
    const def = leaf.modifiers.get(m.code);
    if (!def) {
      const allowed = leaf.modifiers.size > 0 ? `应为 ${listCodes([...leaf.modifiers.values()])}` : `本项没有加减分项`;
      errors.push({ path: `${path}.modifiers[${i}].code`, message: `未知的加减分项 “${m.code}”，${allowed}` });
    } else if (seenMods.has(m.code) && !(def.kind === "penalty" && leaf.options.penaltyPerOccurrence)) {
      // R11 "per-occurrence": a penalty may be entered once per occurrence, each with its reason
      errors.push({ path: `${path}.modifiers[${i}].code`, message: `加减分项“${def.name}”已在 modifiers[${seenMods.get(m.code)}] 填写，每项只计一次` });
    }
    seenMods.set(m.code, i);
  });

  if (f.override) {
    if (f.source !== "review") {
      errors.push({ path: `${path}.override`, message: `只有审核数据（source: "review"）可以核定分数` });
    }
    const s = parseExact(f.override.score);
    const top = add(leaf.max, leaf.bonusMax);
    if (s.compare(parseExact(0)) < 0 || s.compare(top) > 0) {
      errors.push({ path: `${path}.override.score`, message: `核定分数 ${fmt(s)} 超出允许范围 0～${fmt(top)} 分` });
    }
  }

  if (errors.length > 0) return { errors, warnings };
  const fact = { ...f, value } as TItemFact;
  if (value === undefined) delete (fact as { value?: unknown }).value;
  return { fact, errors, warnings };
}

function parsePrefix(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([A-Za-z_$][\w$]*)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

/** Validate a whole scoring input against a compiled edition. */
export function validateScoringInput(compiled: CompiledEdition, raw: unknown): InputValidation {
  const errors: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: "", message: `输入应为 JSON 对象 { "edition": …, "facts": [...] }` }], warnings };
  }
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!["edition", "facts", "penalties"].includes(k)) errors.push({ path: formatPath([k]), message: `出现未知字段：“${k}”（应为 edition、facts、penalties）` });
  }
  if (typeof obj.edition !== "string" || !obj.edition) {
    errors.push({ path: "edition", message: `缺少规则版本（字符串），例如 "${compiled.id}"` });
  } else if (obj.edition !== compiled.id) {
    errors.push({ path: "edition", message: `输入针对规则版本 “${obj.edition}”，而当前规则版本为 “${compiled.id}”` });
  }
  if (!Array.isArray(obj.facts)) {
    errors.push({ path: "facts", message: obj.facts === undefined ? `缺少必填字段 facts（数组）` : `应为数组` });
  }
  const facts: TItemFact[] = [];
  const seen = new Map<string, number>();
  (Array.isArray(obj.facts) ? obj.facts : []).forEach((rawFact, i) => {
    const r = validateItemFact(compiled, rawFact, `facts[${i}]`);
    errors.push(...r.errors);
    warnings.push(...r.warnings);
    if (!r.fact) return;
    const key = `${r.fact.unit}\u0000${r.fact.item}\u0000${r.fact.source}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      errors.push({ path: `facts[${i}]`, message: `与 facts[${prev}] 重复：同一单位、指标和来源（${r.fact.source}）只能有一条事实` });
      return;
    }
    seen.set(key, i);
    facts.push(r.fact);
  });

  const penalties: TScoringInput["penalties"] = [];
  if (obj.penalties !== undefined) {
    if (!Array.isArray(obj.penalties)) errors.push({ path: "penalties", message: `应为数组` });
    else {
      obj.penalties.forEach((rawP, i) => {
        const p = safeParse(ZPostPenalty, rawP, ["penalties", i]);
        if (!p.ok) return void errors.push(...p.issues);
        const pen = p.data;
        const unit = compiled.unitByCode.get(pen.unit);
        const part = compiled.partByCode.get(pen.part);
        if (!unit) errors.push({ path: `penalties[${i}].unit`, message: unitHint(compiled, pen.unit) });
        if (!part) errors.push({ path: `penalties[${i}].part`, message: `未知的考核部分 “${pen.part}”，应为 ${listCodes(compiled.parts)}` });
        if (!unit || !part) return;
        if (!part.allowPostPenalty) errors.push({ path: `penalties[${i}].part`, message: `“${part.name}”不设加重扣分` });
        else if (!part.units.has(unit.code)) errors.push({ path: `penalties[${i}].unit`, message: `单位“${unit.name}”不参与“${part.name}”的考核` });
        else penalties.push(pen);
      });
    }
  }

  if (errors.length > 0) return { ok: false, errors, warnings };
  const input: TScoringInput = { edition: obj.edition as string, facts };
  if (obj.penalties !== undefined) input.penalties = penalties;
  return { ok: true, input, warnings };
}
