// Cross-checks of a loaded edition that the zod schemas cannot express: unit references,
// unique codes, rule parameters against the leaf's max, parent/child maxima, website
// column references. Points are compared exactly (fraction.js), never as JS numbers.
import Fraction from "fraction.js";
import { DEFAULT_READINGS, effectiveAggregate, isReadingKey, READINGS, recordsReading, type ReadingChoices, type ReadingDef } from "./readings";
import { assessedUnits, buildUnitIndex, isLeaf, normaliseUnitName, resolveUnitRef, walkIndicators, type UnitIndex } from "./resolve";
import { checkPreviousOwn } from "./previous";
import { fmt, pts } from "./primitives";
import { ruleType } from "./types";
import type { TColumn, TEdition, TIndicator, TPart, TPoints, TResponsible, TRule } from "./schema";

/** One finding, located in a file by a dotted path ("indicators[0].children[2].rule.pointsPer"). */
export type Issue = { file: string; path: string; message: string; line?: number };

export type ValidationResult = { errors: Issue[]; warnings: Issue[] };

/** Which file each piece came from, for locating issues. Defaults to the conventional names. */
export type EditionFiles = { edition: string; units: string; parts: string[] };

export function defaultEditionFiles(edition: TEdition): EditionFiles {
  return { edition: "edition.yaml", units: "units.yaml", parts: edition.parts.map((_, i) => `part${i + 1}.yaml`) };
}

// pts and fmt live in primitives.ts (the rule-type modules use them without importing this file)
export { fmt, pts };

export function sumPoints(values: TPoints[]): Fraction {
  return values.reduce<Fraction>((acc, v) => acc.add(pts(v)), new Fraction(0));
}

/** "file:line path: message" — one line per issue, for the CLI and thrown errors. */
export function formatIssue(issue: Issue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}  ${issue.path || "(文件)"}  ${issue.message}`;
}

class Collector {
  errors: Issue[] = [];
  warnings: Issue[] = [];
  constructor(private file: string) {}
  at(file: string): Collector {
    const c = new Collector(file);
    c.errors = this.errors;
    c.warnings = this.warnings;
    return c;
  }
  error(path: string, message: string) {
    this.errors.push({ file: this.file, path, message });
  }
  warn(path: string, message: string) {
    this.warnings.push({ file: this.file, path, message });
  }
}

const label = (n: { code: string; name: string }) => `“${n.name}”（${n.code}）`;

export function validateEdition(edition: TEdition, files: EditionFiles = defaultEditionFiles(edition)): ValidationResult {
  const root = new Collector(files.edition);
  const index = buildUnitIndex(edition.units, edition.collectives);
  validateUnits(edition, root.at(files.units));

  const partCodes = new Map<string, string>();
  const indicatorCodes = new Map<string, string>(); // code → "file path" of its first use
  const columnCodes = new Map<string, string>();
  edition.parts.forEach((part, pi) => {
    const file = files.parts[pi] ?? `part${pi + 1}.yaml`;
    const c = root.at(file);
    const prevPart = partCodes.get(part.code);
    if (prevPart) c.error("code", `部分代码“${part.code}”重复（已在 ${prevPart} 使用）`);
    else partCodes.set(part.code, file);
    validateColumns(part, c, index, columnCodes, file);
    const ctx: PartContext = {
      edition,
      part,
      c,
      index,
      file,
      seen: indicatorCodes,
      columnSet: new Set([...walkWithPaths(part.columns ?? [], "columns")].map((w) => w.node.code)),
    };
    part.indicators.forEach((ind, i) => validateIndicator(ctx, ind, [], `indicators[${i}]`));
  });
  validateReadingTargets(edition, root.at(files.edition));
  root.errors.push(...checkPreviousOwn(edition, files.edition));
  return { errors: root.errors, warnings: root.warnings };
}

/** A tagged reading option set to a non-default value while no indicator records that reading does nothing. */
function validateReadingTargets(edition: TEdition, c: Collector) {
  const recorded = new Set<string>();
  for (const part of edition.parts) {
    for (const r of part.readings ?? []) recorded.add(r.id);
    for (const { node } of walkIndicators(part.indicators)) for (const r of node.readings ?? []) recorded.add(r.id);
  }
  for (const [key, option] of Object.entries(edition.readings ?? {})) {
    if (!isReadingKey(key)) continue; // reported by the schema
    const def: ReadingDef = READINGS[key];
    if (def.scope === "tagged" && option !== def.default && !recorded.has(def.reading)) {
      c.warn(`readings.${key}`, `口径 ${key} = ${option} 只作用于记录了口径 ${def.reading} 的指标（readings 中 id: ${def.reading}），本版本没有这样的指标，此设置不起作用`);
    }
  }
}

function validateUnits(edition: TEdition, c: Collector) {
  const codes = new Map<string, number>();
  const keys = new Map<string, { code: string; i: number }>();
  edition.units.forEach((u, i) => {
    const prev = codes.get(u.code);
    if (prev !== undefined) c.error(`units[${i}].code`, `单位代码“${u.code}”重复（与 units[${prev}] 相同）`);
    else codes.set(u.code, i);
    if (!u.name.trim()) c.error(`units[${i}].name`, `请填写单位 ${u.code} 的名称`);
    const names: [string, string][] = [[`units[${i}].name`, u.name], ...u.aliases.map((a, k): [string, string] => [`units[${i}].aliases[${k}]`, a])];
    for (const [path, name] of names) {
      const key = normaliseUnitName(name);
      const other = keys.get(key);
      if (other && other.code !== u.code) c.error(path, `名称或别名“${name}”同时指向单位 ${other.code} 和 ${u.code}，无法确定指哪个单位`);
      else keys.set(key, { code: u.code, i });
    }
  });
  const collectiveNames = new Set<string>();
  edition.collectives.forEach((col, i) => {
    const key = normaliseUnitName(col.name);
    if (collectiveNames.has(key)) c.error(`collectives[${i}].name`, `集合名称“${col.name}”重复`);
    collectiveNames.add(key);
    if (keys.has(key)) c.error(`collectives[${i}].name`, `集合名称“${col.name}”与单位 ${keys.get(key)?.code} 的名称或别名相同`);
  });
}

function checkResponsible(list: TResponsible[] | undefined, basePath: string, c: Collector, index: UnitIndex) {
  (list ?? []).forEach((r, k) => {
    if (resolveUnitRef(index, r.unit) === null) {
      c.error(`${basePath}.responsible[${k}].unit`, `无法识别的单位“${r.unit}”：units.yaml 中没有这个单位代码、名称、别名或集合名称（如 市直各部门）`);
    }
  });
}

function* walkWithPaths(nodes: TColumn[], base: string): Generator<{ node: TColumn; path: string }> {
  for (let i = 0; i < nodes.length; i++) {
    const path = `${base}[${i}]`;
    yield { node: nodes[i], path };
    if (nodes[i].children) yield* walkWithPaths(nodes[i].children ?? [], `${path}.children`);
  }
}

function validateColumns(part: TPart, c: Collector, index: UnitIndex, seen: Map<string, string>, file: string) {
  const all = [...walkWithPaths(part.columns ?? [], "columns")];
  const codes = new Set(all.map((w) => w.node.code));
  for (const { node, path } of all) {
    const prev = seen.get(node.code);
    if (prev) c.error(`${path}.code`, `栏目代码“${node.code}”重复（已在 ${prev} 使用）`);
    else seen.set(node.code, `${file} ${path}`);
    checkResponsible(node.responsible, path, c, index);
    if (node.inheritedFrom !== undefined && !codes.has(node.inheritedFrom)) {
      c.error(`${path}.inheritedFrom`, `栏目${label(node)}的 inheritedFrom 引用了不存在的栏目“${node.inheritedFrom}”`);
    }
    if (node.inherited?.length && node.inheritedFrom === undefined) {
      c.error(`${path}.inherited`, `栏目${label(node)}写了 inherited，但没有写 inheritedFrom（沿用自哪个栏目）`);
    }
    if (isLeaf(node)) {
      if (resolveResponsible(index, node.responsible).length === 0) {
        c.error(path, `栏目${label(node)}没有责任单位`);
      }
      if (!node.content) c.warn(path, `栏目${label(node)}没有保障内容说明（content）`);
    }
  }
}

function resolveResponsible(index: UnitIndex, list: TResponsible[] | undefined): string[] {
  return (list ?? []).flatMap((r) => resolveUnitRef(index, r.unit) ?? []);
}

type PartContext = {
  edition: TEdition;
  part: TPart;
  c: Collector;
  index: UnitIndex;
  file: string;
  /** indicator codes already used in the edition → where */
  seen: Map<string, string>;
  /** column codes of this part */
  columnSet: Set<string>;
};

function validateIndicator(ctx: PartContext, node: TIndicator, ancestors: TIndicator[], path: string) {
  const { edition, part, c, index, seen, columnSet, file } = ctx;
  const prev = seen.get(node.code);
  if (prev) c.error(`${path}.code`, `指标代码“${node.code}”重复（已在 ${prev} 使用）`);
  else seen.set(node.code, `${file} ${path}`);
  checkResponsible(node.responsible, path, c, index);
  const max = pts(node.max);

  if (!isLeaf(node)) {
    const children = node.children ?? [];
    if (node.rule) c.error(`${path}.rule`, `指标${label(node)}有子指标，不能再带计分规则（rule 只写在叶子指标上）`);
    children.forEach((child, i) => {
      if (pts(child.max).compare(max) > 0) {
        c.error(`${path}.children[${i}].max`, `子指标${label(child)}的分值 ${fmt(pts(child.max))} 超过上级指标${label(node)}的分值 ${fmt(max)}`);
      }
    });
    if (node.aggregate !== undefined && recordsReading(node, "R1")) {
      c.warn(`${path}.aggregate`, `指标${label(node)}记录了口径 R1，汇总方式由 edition.yaml 的 readings.R1 决定，aggregate: ${node.aggregate} 不起作用，请删除`);
    }
    const sum = sumPoints(children.map((ch) => ch.max));
    const cmp = sum.compare(max);
    if (cmp > 0) {
      const agg = effectiveAggregate(node, { R1: (edition.readings?.R1 as ReadingChoices["R1"] | undefined) ?? DEFAULT_READINGS.R1 });
      const by = recordsReading(node, "R1") ? `口径 R1 = ${agg}` : `aggregate: ${agg}`;
      const how =
        agg === "cap"
          ? `得分按 ${fmt(max)} 分封顶（${by}）`
          : agg === "rescale"
            ? `下级得分按 ${fmt(max)}/${fmt(sum)} 等比例折算（${by}）`
            : `按下级合计 ${fmt(sum)} 分计（${by}）`;
      c.warn(`${path}.max`, `指标${label(node)}的子指标分值合计 ${fmt(sum)} 分，超过其声明的最高分 ${fmt(max)} 分；${how}`);
    } else if (cmp < 0) {
      c.warn(`${path}.max`, `指标${label(node)}的子指标分值合计 ${fmt(sum)} 分，低于其声明的最高分 ${fmt(max)} 分，本项不可能得满分`);
    }
    children.forEach((child, i) =>
      validateIndicator(ctx, child, [...ancestors, node], `${path}.children[${i}]`),
    );
    return;
  }

  // ---- leaf ----
  if (!node.rule) c.error(path, `叶子指标${label(node)}没有计分规则（rule）`);
  else validateRule(node, node.rule, max, `${path}.rule`, c);

  (node.columns ?? []).forEach((col, k) => {
    if (!columnSet.has(col)) c.error(`${path}.columns[${k}]`, `指标${label(node)}引用了不存在的网站栏目“${col}”（本部分的 columns 中没有这个代码）`);
  });
  if (node.applicability === "columns" && !(node.columns && node.columns.length > 0)) {
    c.error(`${path}.applicability`, `指标${label(node)}按栏目确定考核对象（applicability: columns），但没有列出 columns`);
  }
  if (node.rollupToCity && node.scope !== "unit") {
    c.error(`${path}.rollupToCity`, `指标${label(node)}设置了 rollupToCity，但 scope 不是 unit（只有按单位记录的事实才能汇总到全市）`);
  }
  if (assessedUnits(edition, part, node, ancestors, index).length === 0) {
    const mode = node.applicability ?? "responsible";
    c.error(path, `叶子指标${label(node)}没有任何责任单位（按 applicability: ${mode} 解析后为空）`);
  }
  duplicates((node.modifiers ?? []).map((m) => m.code)).forEach((i) =>
    c.error(`${path}.modifiers[${i}].code`, `指标${label(node)}的加减分项代码“${node.modifiers?.[i].code}”重复`),
  );
  (node.modifiers ?? []).forEach((m, i) => {
    if (pts(m.points).compare(0) <= 0) c.error(`${path}.modifiers[${i}].points`, `加减分项“${m.name}”的分值应大于0（正负由 kind 决定）`);
  });
  duplicates((node.preconditions ?? []).map((p) => p.code)).forEach((i) =>
    c.error(`${path}.preconditions[${i}].code`, `指标${label(node)}的前提条件代码“${node.preconditions?.[i].code}”重复`),
  );
}

/** Indices of entries whose value already appeared earlier. */
function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) out.push(i);
    seen.add(v);
  });
  return out;
}

function validateRule(leaf: TIndicator, rule: TRule, max: Fraction, path: string, c: Collector) {
  const L = label(leaf);
  const M = fmt(max);
  const positive = (p: TPoints, at: string, what: string) => {
    if (pts(p).compare(0) <= 0) c.error(`${path}.${at}`, `指标${L}：${what}应大于0`);
  };
  switch (rule.type) {
    case "count": {
      positive(rule.pointsPer, "pointsPer", "每个计数对象的分值 pointsPer");
      const cap = pts(rule.cap);
      if (cap.compare(max) > 0) c.error(`${path}.cap`, `指标${L}：计数规则的上限 cap=${fmt(cap)} 超过本项分值 max=${M}`);
      else if (cap.compare(max) < 0) c.warn(`${path}.cap`, `指标${L}：计数规则的上限 cap=${fmt(cap)} 低于本项分值 max=${M}，本项不可能得满分`);
      if (pts(rule.pointsPer).compare(cap) > 0) c.error(`${path}.pointsPer`, `指标${L}：每个计数对象的分值 pointsPer=${fmt(pts(rule.pointsPer))} 超过上限 cap=${fmt(cap)}`);
      break;
    }
    case "binary":
      if (!pts(rule.points).equals(max)) c.error(`${path}.points`, `指标${L}：二元规则的分值 points=${fmt(pts(rule.points))} 应等于本项分值 max=${M}`);
      break;
    case "ratio":
      if (!pts(rule.points).equals(max)) c.error(`${path}.points`, `指标${L}：比例规则的满分 points=${fmt(pts(rule.points))} 应等于本项分值 max=${M}`);
      if (rule.saturateAt === undefined && !rule.denominatorLabel) {
        c.error(path, `指标${L}：比例规则需要分母（denominatorLabel）或“达到即满分”的数量（saturateAt）`);
      }
      break;
    case "deduction": {
      const start = pts(rule.start);
      if (!start.equals(max)) c.error(`${path}.start`, `指标${L}：扣分规则的起始分 start=${fmt(start)} 应等于本项分值 max=${M}`);
      if (pts(rule.floor).compare(start) > 0) c.error(`${path}.floor`, `指标${L}：扣分规则的最低分 floor=${fmt(pts(rule.floor))} 高于起始分 start=${fmt(start)}`);
      duplicates(rule.pools.map((p) => p.code)).forEach((i) => c.error(`${path}.pools[${i}].code`, `指标${L}：扣分池代码“${rule.pools[i].code}”重复`));
      const kindPaths = rule.pools.flatMap((p, i) => p.kinds.map((k, j) => ({ code: k.code, at: `${path}.pools[${i}].kinds[${j}].code` })));
      duplicates(kindPaths.map((k) => k.code)).forEach((n) =>
        c.error(kindPaths[n].at, `指标${L}：扣分事件类型代码“${kindPaths[n].code}”重复（同一指标内 kinds[].code 必须唯一）`),
      );
      rule.pools.forEach((pool, i) => {
        const cap = pts(pool.cap);
        if (cap.compare(start) > 0) c.error(`${path}.pools[${i}].cap`, `指标${L}：扣分池“${pool.name ?? pool.code}”的上限 cap=${fmt(cap)} 超过起始分 start=${fmt(start)}`);
        positive(pool.cap, `pools[${i}].cap`, `扣分池“${pool.name ?? pool.code}”的上限 cap`);
        pool.kinds.forEach((k, j) => {
          positive(k.perEvent, `pools[${i}].kinds[${j}].perEvent`, `“${k.name}”每次扣分 perEvent`);
          if (pts(k.perEvent).compare(cap) > 0) c.warn(`${path}.pools[${i}].kinds[${j}].perEvent`, `指标${L}：“${k.name}”每次扣 ${fmt(pts(k.perEvent))} 分，超过所在扣分池上限 ${fmt(cap)} 分`);
          if (k.lateFix) positive(k.lateFix.points, `pools[${i}].kinds[${j}].lateFix.points`, `“${k.lateFix.name}”的扣分`);
        });
      });
      break;
    }
    case "tiers": {
      rule.tiers.forEach((t, i) => {
        if (pts(t.points).compare(max) > 0) c.error(`${path}.tiers[${i}].points`, `指标${L}：第${i + 1}档的分值 ${fmt(pts(t.points))} 超过本项分值 max=${M}`);
        if (i === 0) return;
        const before = rule.tiers[i - 1];
        if (pts(t.min).compare(pts(before.min)) >= 0) {
          c.error(`${path}.tiers[${i}].min`, `指标${L}：档位应按门槛从高到低排列，第${i + 1}档门槛 ${fmt(pts(t.min))} 不低于第${i}档门槛 ${fmt(pts(before.min))}`);
        }
        if (pts(t.points).compare(pts(before.points)) > 0) {
          c.error(`${path}.tiers[${i}].points`, `指标${L}：档位分值应从高到低，第${i + 1}档 ${fmt(pts(t.points))} 分高于第${i}档 ${fmt(pts(before.points))} 分`);
        }
      });
      // the months of the assessment year are the edition's data, never a default in code
      if (rule.measure === "monthlyAverage" && rule.months === undefined) {
        c.error(`${path}.months`, `指标${L}：按月均分档的规则须写明考核年度的月数 months（例如 12）`);
      }
      const last = rule.tiers[rule.tiers.length - 1];
      const otherwise = pts(rule.otherwise);
      if (otherwise.compare(max) > 0) c.error(`${path}.otherwise`, `指标${L}：未达任何档位时的分值 otherwise=${fmt(otherwise)} 超过本项分值 max=${M}`);
      else if (otherwise.compare(pts(last.points)) > 0) c.error(`${path}.otherwise`, `指标${L}：未达任何档位时的分值 ${fmt(otherwise)} 高于最低一档 ${fmt(pts(last.points))} 分`);
      if (pts(rule.tiers[0].points).compare(max) < 0) c.warn(`${path}.tiers[0].points`, `指标${L}：最高一档 ${fmt(pts(rule.tiers[0].points))} 分低于本项分值 max=${M}，本项不可能得满分`);
      break;
    }
    case "choice": {
      duplicates(rule.levels.map((l) => l.code)).forEach((i) => c.error(`${path}.levels[${i}].code`, `指标${L}：级别代码“${rule.levels[i].code}”重复`));
      rule.levels.forEach((l, i) => {
        if (pts(l.points).compare(max) > 0) c.error(`${path}.levels[${i}].points`, `指标${L}：级别“${l.name}”的分值 ${fmt(pts(l.points))} 超过本项分值 max=${M}`);
      });
      if (pts(rule.nonePoints).compare(max) > 0) c.error(`${path}.nonePoints`, `指标${L}：“${rule.noneLabel}”的分值 ${fmt(pts(rule.nonePoints))} 超过本项分值 max=${M}`);
      const best = [...rule.levels.map((l) => pts(l.points)), pts(rule.nonePoints)].reduce((a, b) => (a.compare(b) >= 0 ? a : b));
      if (best.compare(max) < 0) c.warn(path, `指标${L}：各级别（含“${rule.noneLabel}”）的最高分 ${fmt(best)} 低于本项分值 max=${M}，本项不可能得满分`);
      break;
    }
    case "rating":
      if (!pts(rule.max).equals(max)) c.error(`${path}.max`, `指标${L}：评分规则的上限 max=${fmt(pts(rule.max))} 应等于本项分值 max=${M}`);
      if (rule.step !== undefined && (pts(rule.step).compare(0) <= 0 || pts(rule.step).compare(max) > 0)) {
        c.error(`${path}.step`, `指标${L}：评分步长 step=${fmt(pts(rule.step))} 应大于0且不超过本项分值 ${M}`);
      }
      break;
    case "veto":
      break;
    default:
      // a type that checks its own parameters (lib/rules/types/<type>: checkParams)
      ruleType(rule).checkParams?.(rule, { max, label: L, path, error: (at: string, m: string) => c.error(at, m), warn: (at: string, m: string) => c.warn(at, m) });
  }
}
