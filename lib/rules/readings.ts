// The reading-option registry: every recorded reading (R…) and engine choice (E…) that has
// a meaningful alternative the engine can compute, with its options, the default (the
// reading chosen for 2017) and a description in Chinese and English. An edition chooses
// options in edition.yaml (`readings:`); a run may override them (`npm run score --
// --reading R1=sum`, `scoreEdition(…, { readings })`). The engine reads the choices only
// from the compiled edition. docs/scoring.md and the UI read the descriptions from here.
import { z } from "zod";

export type ReadingOptionDef = {
  /** what the option does, in Chinese (shown to users) */
  zh: string;
  en: string;
};

export type ReadingDef = {
  /** the recorded reading this question belongs to (R1, R13…) or the engine choice (E1…) */
  reading: string;
  /**
   * "edition": applies to the whole edition.
   * "tagged": applies to the indicators (nodes or leaves) that record `reading` in their
   * `readings` list, e.g. R11 only to 在线访谈.
   */
  scope: "edition" | "tagged";
  /** the question the reading answers */
  question: { zh: string; en: string };
  options: Record<string, ReadingOptionDef>;
  default: string;
};

export const READINGS = {
  R1: {
    reading: "R1",
    scope: "tagged",
    question: {
      zh: "一级指标声明的分值与其下级分值合计不一致时（40 对 50），声明分值如何使用",
      en: "A node whose declared maximum differs from the sum of its children (40 vs 50): how the declared maximum is used",
    },
    options: {
      cap: { zh: "声明分值为上限：得分 = min(下级合计, 声明分值)", en: "the declared maximum caps the sum of the children" },
      sum: { zh: "以下级合计为准：得分 = 下级合计，声明分值只作显示", en: "the sum of the children counts; the declared maximum is only shown" },
      rescale: {
        zh: "下级按 声明分值 ÷ 下级分值合计 等比例折算：得分 = 下级合计 × 40 ÷ 50",
        en: "children rescaled by declared ÷ sum of the children's maxima",
      },
    },
    default: "cap",
  },
  "R4.rollup": {
    reading: "R4",
    scope: "tagged",
    question: {
      zh: "县（市、区）的扣分事件是否同时汇总到“全市”记分卡（从所属设区市中扣相应分数）",
      en: "Whether a county's deduction events also count on the city card",
    },
    options: {
      pool: { zh: "既在该县记分卡上扣分，也汇总到“全市”记分卡上扣分", en: "on the county's card and pooled on the city card" },
      "unit-only": { zh: "只计入县自己的记分卡，不汇总到全市", en: "on the county's card only; no pooling" },
    },
    default: "pool",
  },
  R6: {
    reading: "R6",
    scope: "edition",
    question: { zh: "何时四舍五入到2位小数", en: "When scores are rounded to 2 decimal places" },
    options: {
      exact: { zh: "全程精确计算，只在显示时四舍五入；排名比较精确值", en: "exact throughout; rounded only for display; ranks compare exact values" },
      "round-each-step": {
        zh: "每一步计算后即四舍五入到2位小数（单项得分、折算后的指标得分、折算百分制、总分）",
        en: "rounded half up to 2 places after every step (item, rescaled node, normalised part, overall)",
      },
      "round-part": { zh: "折算为百分制后即四舍五入到2位小数，总分亦然", en: "rounded after normalising each part and for the overall" },
    },
    default: "exact",
  },
  "R9.optIn": {
    reading: "R9",
    scope: "tagged",
    question: { zh: "未申报参与（未涉及）的单位在自愿参与项上如何计", en: "A unit that did not opt in to an opt-in item" },
    options: {
      "not-applicable": { zh: "不适用：不计分，也不计入折算分母", en: "not applicable: left out of points and denominator" },
      zero: { zh: "得0分，计入折算分母", en: "scored 0, kept in the denominator" },
    },
    default: "not-applicable",
  },
  "R9.bonus": {
    reading: "R9",
    scope: "tagged",
    question: { zh: "奖励分是否受本项满分限制（专题专栏 5 分）", en: "Whether the bonus is capped at the item's maximum (专题专栏)" },
    options: {
      "outside-max": { zh: "奖励在本项满分之外，不封顶", en: "the bonus is added outside the item's maximum" },
      "within-max": { zh: "奖励计入本项满分，加分后以满分封顶", en: "the item with its bonus is capped at its maximum" },
    },
    default: "outside-max",
  },
  "R9.notInvolved": {
    reading: "R9",
    scope: "tagged",
    question: {
      zh: "未涉及任何专题的部门主动建设了专题（填报“未涉及，但主动建设”）时，本项基础分如何计",
      en: "A department not involved in any 专题 that builds one anyway: how the item's base counts",
    },
    options: {
      "bonus-only": { zh: "基础分不适用、不计入折算分母，只计奖励分", en: "the base is not applicable (out of the denominator); only the bonus counts" },
      "zero-base": { zh: "基础分按0分计入折算分母，另计奖励分", en: "the base scores 0 and stays in the denominator; the bonus is added" },
    },
    default: "bonus-only",
  },
  "R8.columns": {
    reading: "R8",
    scope: "tagged",
    question: {
      zh: "按栏目分别填报月度发布条数时，“月均发布条数”如何计算",
      en: "Monthly counts entered per column: how the monthly average is taken",
    },
    options: {
      total: { zh: "各栏目条数相加后按月平均（与填报一个月度合计相同）", en: "the columns are added up, then averaged over the months (as one monthly total)" },
      "per-column": { zh: "各栏目先按月平均，再取各栏目的平均值", en: "each column's monthly average, then the mean over the columns" },
    },
    default: "total",
  },
  "R18.columns": {
    reading: "R18",
    scope: "tagged",
    question: {
      zh: "按栏目分别评分时（每个栏目 0～满分），本项得分如何由各栏目评分得出",
      en: "Ratings per column (each 0..max): how the item's score follows from them",
    },
    options: {
      mean: { zh: "各栏目评分的平均值", en: "the mean of the column ratings" },
      lowest: { zh: "各栏目评分中的最低分", en: "the lowest column rating" },
    },
    default: "mean",
  },
  R10: {
    reading: "R10",
    scope: "tagged",
    question: { zh: "不满足前提条件（网上调查、意见征集各一次以上）时如何计", en: "An unmet precondition (调查征集)" },
    options: {
      zero: { zh: "本项得0分", en: "the item scores 0" },
      ignore: { zh: "不看前提条件，仍按规则计分", en: "the precondition is ignored; the rule scores as usual" },
    },
    default: "zero",
  },
  R11: {
    reading: "R11",
    scope: "tagged",
    question: { zh: "同一减分项（访谈配合不积极）出现多次时", en: "A penalty (配合不积极) that occurs more than once" },
    options: {
      once: { zh: "只扣一次（重复填写被拒绝）", en: "charged once (a repeated entry is refused)" },
      "per-occurrence": { zh: "每出现一次扣一次（可重复填写，每条须写明理由）", en: "charged per occurrence (one entry each, with a reason)" },
    },
    default: "once",
  },
  "R11.bonus": {
    reading: "R11",
    scope: "tagged",
    question: { zh: "奖励分是否受本项满分限制（在线访谈 8 分）", en: "Whether the bonus is capped at the item's maximum (在线访谈)" },
    options: {
      "outside-max": { zh: "奖励在本项满分之外，不封顶", en: "the bonus is added outside the item's maximum" },
      "within-max": { zh: "奖励后本项以满分封顶", en: "the item with its bonus is capped at its maximum" },
    },
    default: "outside-max",
  },
  "R13.cap": {
    reading: "R13",
    scope: "edition",
    question: { zh: "折算为百分制后超过100分时", en: "A normalised part score above 100" },
    options: {
      uncapped: { zh: "不封顶，超过100照实显示", en: "not capped: above 100 is shown as is" },
      "cap-100": { zh: "超过100分按100分计", en: "capped at 100" },
    },
    default: "uncapped",
  },
  "R13.penalty": {
    reading: "R13",
    scope: "edition",
    question: { zh: "加重扣分在折算为百分制之前还是之后扣除", en: "加重扣分 before or after normalisation" },
    options: {
      after: { zh: "折算为百分制之后扣除：得分 = 折算分 − 扣分", en: "after: score = normalised − penalty" },
      before: { zh: "折算前从原始得分中扣除：得分 = (原始得分 − 扣分) ÷ 可得满分 × 100", en: "before: score = 100 × (points − penalty) ÷ max achievable" },
    },
    default: "after",
  },
  R15: {
    reading: "R15",
    scope: "edition",
    question: { zh: "各部分如何合成总分", en: "How the parts combine into the overall score" },
    options: {
      "weighted-mean": { zh: "各部分百分制得分按权重加权平均", en: "weighted mean of the normalised part scores" },
      "weighted-sum": { zh: "各部分百分制得分 × 权重后相加", en: "sum of the normalised part scores times their weights" },
      "raw-sum": { zh: "各部分原始得分（未折算）直接相加，再减去加重扣分", en: "sum of the parts' raw points, less 加重扣分" },
      none: { zh: "只按部分排名，不计总分", en: "parts are ranked separately; no overall score" },
    },
    default: "weighted-mean",
  },
  E1: {
    reading: "E1",
    scope: "edition",
    question: { zh: "同一项既有减分又有加分时的先后", en: "Order of penalty and bonus on one item" },
    options: {
      "penalty-first": { zh: "先减分（最低0分），再加分：减分不能抵消另行获得的加分", en: "penalty first (floor 0), then bonus" },
      net: { zh: "加减分先相抵，再与基础分合计，最低0分", en: "bonus and penalty net out, then floor 0" },
    },
    default: "penalty-first",
  },
  E2: {
    reading: "E2",
    scope: "edition",
    question: { zh: "前提条件未填报时", en: "A precondition not answered" },
    options: {
      "not-entered": { zh: "视为未填报（计0分但评分不完整）", en: "not entered (0, scorecard incomplete)" },
      unmet: { zh: "视为不满足，本项得0分", en: "treated as unmet: the item scores 0" },
    },
    default: "not-entered",
  },
  E4: {
    reading: "E4",
    scope: "edition",
    question: { zh: "加重扣分大于本部分得分时", en: "加重扣分 larger than the part score" },
    options: {
      "no-floor": { zh: "不设下限，可为负分", en: "no floor: may go below 0" },
      "floor-0": { zh: "最低0分", en: "floored at 0" },
    },
    default: "no-floor",
  },
  E7: {
    reading: "E7",
    scope: "edition",
    question: { zh: "前提条件不满足时加减分是否仍计", en: "Modifiers on an item whose precondition is unmet" },
    options: {
      apply: { zh: "基础分为0，加减分仍照计（加分另行获得）", en: "base 0, modifiers still apply" },
      void: { zh: "本项整体为0，加减分不计", en: "the whole item is 0, modifiers are void" },
    },
    default: "apply",
  },
  "R4.rooms": {
    reading: "R4",
    scope: "tagged",
    question: {
      zh: "按配备清单（每县应配若干间）计算缺少的会议室时，逐县计算还是按全市合计计算",
      en: "Missing rooms from an inventory (so many required per county): county by county or pooled over the city",
    },
    options: {
      "per-county": { zh: "逐县计算：每县缺口 = max(0, 应配数 − 已配数)，多配的县不能抵补其他县", en: "county by county: Σ max(0, required − rooms); a surplus does not offset another county" },
      pooled: { zh: "按全市合计计算：缺口 = max(0, 应配数 × 清单县数 − 已配数合计)，县与县之间可以抵补", en: "pooled: max(0, required × counties listed − Σ rooms); counties offset each other" },
    },
    default: "per-county",
  },
  "R5.counties": {
    reading: "R5",
    scope: "tagged",
    question: {
      zh: "填报了已覆盖的县（市、区）数时，县（市、区）覆盖如何计分（报送覆盖）",
      en: "When the number of covered counties is entered: how county coverage scores (信用数据报送覆盖)",
    },
    options: {
      precondition: { zh: "覆盖全部县（市、区）是前提条件：全部覆盖按部门比例计分，否则本项得0分", en: "all counties covered is a precondition: else the item scores 0" },
      pooled: { zh: "县（市、区）与部门合并按比例计分：得分 = 满分 × (min(部门数, 30) + 县数) ÷ (30 + 县总数)", en: "counties pooled with departments: points × (min(departments, 30) + counties) ÷ (30 + all counties)" },
      product: { zh: "部门比例与县覆盖比例相乘：得分 = 满分 × min(1, 部门数 ÷ 30) × 县数 ÷ 县总数", en: "points × min(1, departments ÷ 30) × counties ÷ all counties" },
    },
    default: "precondition",
  },
} as const satisfies Record<string, ReadingDef>;

export type ReadingKey = keyof typeof READINGS;
export type ReadingOption<K extends ReadingKey> = keyof (typeof READINGS)[K]["options"] & string;
/** One option per reading: what the engine computes with. */
export type ReadingChoices = { [K in ReadingKey]: ReadingOption<K> };
export type ReadingOverrides = Partial<Record<string, string>>;

export const READING_KEYS = Object.keys(READINGS) as ReadingKey[];

export const DEFAULT_READINGS: ReadingChoices = Object.fromEntries(READING_KEYS.map((k) => [k, READINGS[k].default])) as ReadingChoices;

/**
 * Engine choices E1–E8 kept fixed, with the reason (docs/scoring.md lists them too).
 */
export const FIXED_CHOICES: Record<string, { zh: string; en: string }> = {
  E3: { zh: "汇总到全市的非扣分项，全市记分卡用全市自己的数据", en: "only events can be pooled meaningfully; other rule types have no sum across units" },
  E5: { zh: "审核数据整体替换自评数据", en: "merging two people's entries field by field has no defined meaning for lists of events or levels" },
  E6: { zh: "“2周内”的天数由规则数据的 lateFix.afterDays 决定", en: "already data: lateFix.afterDays in the rule" },
  E8: { zh: "审核核定分在 0..满分 + 加分之内", en: "a validation bound for the reviewer, not a scoring reading" },
};

export function isReadingKey(key: string): key is ReadingKey {
  return Object.prototype.hasOwnProperty.call(READINGS, key);
}

function optionList(key: ReadingKey): string {
  const def: ReadingDef = READINGS[key];
  return Object.entries(def.options)
    .map(([o, d]) => `${o}（${d.zh}）`)
    .join("、");
}

/** Check one key = option pair; null when fine, else a Chinese message naming the valid ones. */
export function readingIssue(key: string, option: unknown): string | null {
  if (!isReadingKey(key)) return `未知的口径 “${key}”，可用的口径：${READING_KEYS.join("、")}`;
  const def: ReadingDef = READINGS[key];
  if (typeof option !== "string" || !Object.prototype.hasOwnProperty.call(def.options, option)) {
    return `口径 ${key} 没有选项 “${String(option)}”，可选：${optionList(key)}`;
  }
  return null;
}

/** edition.yaml `readings:` — a map of reading key → option, every key and option checked. */
export const ZReadingChoices = z.record(z.string(), z.string()).superRefine((value, ctx) => {
  for (const [k, v] of Object.entries(value)) {
    const msg = readingIssue(k, v);
    if (msg) ctx.addIssue({ code: "custom", path: [k], message: msg });
  }
});

export type ReadingResolution = { ok: true; choices: ReadingChoices } | { ok: false; errors: string[] };

/** Defaults, then the edition's choices, then the run's overrides; every key and option checked. */
export function resolveReadingChoices(edition: ReadingOverrides | undefined, overrides: ReadingOverrides = {}): ReadingResolution {
  const errors: string[] = [];
  const choices: Record<string, string> = { ...DEFAULT_READINGS };
  for (const layer of [edition ?? {}, overrides]) {
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      const msg = readingIssue(k, v);
      if (msg) errors.push(msg);
      else choices[k] = v;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, choices: choices as ReadingChoices };
}

/** "R1=sum" → { key: "R1", option: "sum" }, or a Chinese message. */
export function parseReadingFlag(text: string): { key: string; option: string } | { error: string } {
  const i = text.indexOf("=");
  if (i <= 0 || i === text.length - 1) return { error: `--reading 应写成 口径=选项，例如 R1=sum（收到 “${text}”）` };
  const key = text.slice(0, i).trim();
  const option = text.slice(i + 1).trim();
  const msg = readingIssue(key, option);
  return msg ? { error: msg } : { key, option };
}

/** Every alternative of every reading, for a what-if page: one override per entry. */
export function readingAlternatives(current: ReadingChoices = DEFAULT_READINGS): { key: ReadingKey; option: string; overrides: ReadingOverrides }[] {
  const out: { key: ReadingKey; option: string; overrides: ReadingOverrides }[] = [];
  for (const key of READING_KEYS) {
    for (const option of Object.keys(READINGS[key].options)) {
      if (option !== current[key]) out.push({ key, option, overrides: { [key]: option } });
    }
  }
  return out;
}

/** The registry keys that belong to a recorded reading id ("R13" → R13.cap, R13.penalty). */
export function keysOfReading(id: string): ReadingKey[] {
  return READING_KEYS.filter((k) => READINGS[k].reading === id);
}

/** Whether an indicator records this reading id in its `readings` list (tagged readings apply there). */
export function recordsReading(node: { readings?: { id: string }[] }, id: string): boolean {
  return (node.readings ?? []).some((r) => r.id === id);
}

/** How a node adds up its children: R1's option where the node records R1, else its own `aggregate` (default cap). */
export function effectiveAggregate(
  node: { aggregate?: "cap" | "sum" | "rescale"; readings?: { id: string }[] },
  choices: Pick<ReadingChoices, "R1">,
): "cap" | "sum" | "rescale" {
  return recordsReading(node, "R1") ? choices.R1 : (node.aggregate ?? "cap");
}
