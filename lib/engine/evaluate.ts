// Evaluate one leaf from its facts: the rule types of the seed, preconditions,
// modifiers (bonus/penalty) and reviewer overrides. Pure: facts in, outcome out.
import type { CompiledLeaf, CompiledRule } from "./compile";
import { ruleType, type RuleEval as ModuleRuleEval } from "../rules/types";
import { type Exact, HUNDRED, ZERO, add, div, fmt, max, min, mul, parseExact, roundExact, sub } from "./exact";
import type { TItemFact } from "./facts";
import type { ItemState } from "./types";

/** Internal result of one side (self or effective) of one leaf. */
export type LeafOutcome = {
  state: ItemState;
  /** rule result clamped to [0, max], before modifiers; null unless scored */
  base: Exact | null;
  bonus: Exact;
  penalty: Exact;
  /** max(0, base − penalty): the part that ancestors' caps apply to (≤ max) */
  within: Exact;
  /** within + bonus; 0 unless scored */
  score: Exact;
  vetoed: boolean;
  vetoReason?: string;
  naReason?: string;
  overridden: boolean;
  /** scored, but out of the normalisation denominator (a "not involved" 专题 department's bonus, R9.notInvolved) */
  outOfDenominator?: boolean;
  trace: string[];
};

/** A fact from another unit pooled into the city card (rollupToCity). */
export type PooledFact = { unitName: string; fact: TItemFact | undefined };

const NOT_SCORED = { base: null, bonus: ZERO, penalty: ZERO, within: ZERO, score: ZERO, vetoed: false, overridden: false } as const;

function notEntered(trace: string[]): LeafOutcome {
  return { state: "not-entered", ...NOT_SCORED, trace };
}
function notApplicable(reason: string, trace: string[]): LeafOutcome {
  return { state: "not-applicable", ...NOT_SCORED, naReason: reason, trace };
}

/** Rule arithmetic: the base score (unclamped) and its trace lines. */
type RuleEval = ModuleRuleEval;

/** The rule's own arithmetic, by its rule type's module (lib/rules/types/<type>). */
export function evaluateRule(leaf: CompiledLeaf, rule: CompiledRule, value: unknown, pooled?: PooledFact[], ownLabel?: string): RuleEval {
  return ruleType(rule).evaluate(leaf, rule, value, pooled, ownLabel);
}

export type EvaluateOptions = {
  /** city card of a rollupToCity deduction leaf: the other units' facts */
  pooled?: PooledFact[];
  /** label of the fact's own unit in pooled traces (全市) */
  ownLabel?: string;
};

function hasValue(f: TItemFact | undefined): boolean {
  return f !== undefined && f.value !== undefined && f.value !== null;
}

/**
 * One side of a leaf from one fact. The fact has passed validate-input; a missing fact
 * means not entered (or not applicable for opt-in leaves, R9).
 */
export function evaluateLeaf(leaf: CompiledLeaf, fact: TItemFact | undefined, opts: EvaluateOptions = {}): LeafOutcome {
  const pooledHasValue = opts.pooled?.some((p) => hasValue(p.fact) && !p.fact?.notApplicable) ?? false;
  if (!fact && !pooledHasValue) {
    if (leaf.applicability === "opt-in") {
      if (leaf.options.optIn === "zero") {
        const trace = [`未申报参与本项：按 0 分计入折算基数（口径 R9.optIn = zero）`, `本项满分 ${fmt(leaf.max)} 分，得 0 分`];
        return { state: "scored", base: ZERO, bonus: ZERO, penalty: ZERO, within: ZERO, score: ZERO, vetoed: false, overridden: false, trace };
      }
      return notApplicable("未申报参与本项", [`未申报参与本项：按不适用处理，不计入折算基数`]);
    }
    return notEntered([`尚未填报`]);
  }
  if (fact?.notApplicable) {
    return notApplicable(fact.notApplicable.reason, [`不适用：${fact.notApplicable.reason}`]);
  }

  const trace: string[] = [];
  let ruleEval: RuleEval | null = null;

  // Preconditions the value itself answers (e.g. 覆盖所辖县 from the covered count), or that a
  // reading replaces (met: null): they take the place of the fact's own answers.
  const derived = hasValue(fact) && leaf.preconditions.length > 0 ? (ruleType(leaf.rule).conditions?.(leaf, leaf.rule, fact!.value) ?? []) : [];
  const derivedBy = new Map(derived.filter((d) => leaf.preconditions.some((p) => p.code === d.code)).map((d) => [d.code, d]));
  const preconditions = leaf.preconditions.filter((p) => derivedBy.get(p.code)?.met !== null);
  const answer = (code: string) => (derivedBy.has(code) ? (derivedBy.get(code)!.met as boolean) : fact?.conditions?.[code]);
  for (const d of derivedBy.values()) trace.push(d.line);

  // Preconditions: any unmet → base 0; any not filled in → not entered.
  let preconditionFailed = false;
  if (preconditions.length > 0 && leaf.options.ignorePreconditions) {
    trace.push(`不看前提条件（口径 R10 = ignore）：${preconditions.map((p) => p.label).join("；")}`);
  } else if (preconditions.length > 0) {
    // E2 "unmet": an unanswered precondition counts as not met
    const unansweredIsUnmet = leaf.options.unansweredPrecondition === "unmet";
    const unmet = preconditions.filter((p) => answer(p.code) === false || (unansweredIsUnmet && answer(p.code) === undefined));
    const unknown = unansweredIsUnmet ? [] : preconditions.filter((p) => answer(p.code) === undefined);
    if (unmet.length > 0) {
      preconditionFailed = true;
      ruleEval = { base: ZERO, lines: [`前提条件未满足：${unmet.map((p) => p.label).join("；")}，本项计 0 分`] };
    } else if (unknown.length > 0 && !fact?.override) {
      return notEntered([`前提条件“${unknown.map((p) => p.label).join("”“")}”尚未填报，暂不计分`]);
    } else {
      trace.push(`前提条件已满足：${preconditions.map((p) => p.label).join("；")}`);
    }
  }

  if (!preconditionFailed) {
    if (hasValue(fact) || pooledHasValue) {
      const value = hasValue(fact) ? fact!.value : emptyValue(leaf.rule);
      ruleEval = evaluateRule(leaf, leaf.rule, value, opts.pooled, opts.ownLabel);
    } else if (!fact?.override) {
      return notEntered([`尚未填报`]);
    }
  }

  let base: Exact | null = null;
  let vetoed = false;
  let vetoReason: string | undefined;
  let outOfDenominator = false;
  let baseNote: string | null = null;
  if (ruleEval && !("notEntered" in ruleEval) && ruleEval.baseNotApplicable) {
    // a unit not involved in the base requirement that claims a bonus (R9.notInvolved)
    const bonuses = (fact?.modifiers ?? []).filter((m) => leaf.modifiers.get(m.code)?.kind === "bonus");
    if (bonuses.length === 0 && !fact?.override) {
      return notApplicable(ruleEval.baseNotApplicable, [...ruleEval.lines, `未申报加分：按不适用处理，不计入折算基数`]);
    }
    if (leaf.options.notInvolved === "zero-base") {
      baseNote = `${ruleEval.baseNotApplicable}：基础分按 0 分计入折算基数（口径 R9.notInvolved = zero-base）`;
    } else {
      outOfDenominator = true;
      baseNote = `${ruleEval.baseNotApplicable}：基础分不适用，不计入折算基数，只计加分（口径 R9.notInvolved = bonus-only）`;
    }
  }
  if (ruleEval) {
    if ("notEntered" in ruleEval) {
      if (!fact?.override) return notEntered(ruleEval.notEntered);
      trace.push(...ruleEval.notEntered);
    } else {
      trace.push(...ruleEval.lines);
      if (baseNote) trace.push(baseNote);
      base = ruleEval.base;
      if (leaf.options.roundEachStep) {
        const r = roundExact(base);
        if (!r.equals(base)) trace.push(`按口径 R6 = round-each-step 四舍五入：${base.toFraction()} → ${fmt(r)}`);
        base = r;
      }
      vetoed = ruleEval.vetoed ?? false;
      vetoReason = ruleEval.vetoReason;
      if (base.compare(leaf.max) > 0) {
        trace.push(`${fmt(base)} 分超过本项满分 ${fmt(leaf.max)} 分，按 ${fmt(leaf.max)} 分计`);
        base = leaf.max;
      }
      if (base.compare(ZERO) < 0) base = ZERO;
    }
  }

  // Modifiers: penalties first, floor 0; then bonuses on top (may exceed max).
  let bonus = ZERO;
  let penalty = ZERO;
  const voidModifiers = preconditionFailed && leaf.options.unmetModifiers === "void" && (fact?.modifiers?.length ?? 0) > 0;
  if (voidModifiers) trace.push(`前提条件未满足，加减分不计（口径 E7 = void）`);
  for (const m of voidModifiers ? [] : (fact?.modifiers ?? [])) {
    const def = leaf.modifiers.get(m.code);
    if (!def) continue; // rejected by validate-input
    if (def.kind === "bonus") {
      bonus = add(bonus, def.points);
      trace.push(`加分：${def.name}（${m.reason}）+${fmt(def.points)}`);
    } else {
      penalty = add(penalty, def.points);
      trace.push(`减分：${def.name}（${m.reason}）−${fmt(def.points)}`);
    }
  }
  let within = base ?? ZERO;
  let score: Exact;
  if (leaf.options.modifierOrder === "net" && penalty.compare(ZERO) > 0 && bonus.compare(ZERO) > 0) {
    // E1 "net": bonus and penalty offset each other before the floor
    const total = add(sub(within, penalty), bonus);
    trace.push(`加减分相抵（口径 E1 = net）：${fmt(within)} − ${fmt(penalty)} + ${fmt(bonus)} = ${fmt(total)}${total.compare(ZERO) < 0 ? "，低于 0，按 0 计" : ""}`);
    score = max(ZERO, total);
    within = min(score, max(ZERO, sub(within, penalty)));
    bonus = sub(score, within);
  } else {
    if (penalty.compare(ZERO) > 0) {
      const after = sub(within, penalty);
      if (after.compare(ZERO) < 0) {
        trace.push(`${fmt(within)} − ${fmt(penalty)} 低于 0，按 0 计`);
        within = ZERO;
      } else {
        within = after;
      }
    }
    score = add(within, bonus);
  }
  if (leaf.options.bonusWithinMax && score.compare(leaf.max) > 0) {
    trace.push(`含加分 ${fmt(score)} 分，超过本项满分 ${fmt(leaf.max)} 分，按 ${fmt(leaf.max)} 分计（奖励计入本项满分）`);
    score = leaf.max;
    bonus = sub(score, within);
  }
  let overridden = false;

  if (fact?.override) {
    const o = parseExact(fact.override.score);
    const computed = base === null ? "无法计算（数据不全）" : `${fmt(score)} 分`;
    trace.push(`审核核定：${fmt(o)} 分（理由：${fact.override.reason}；按规则计算为 ${computed}）`);
    overridden = true;
    score = o;
    within = min(o, leaf.max);
    bonus = sub(o, within);
    penalty = ZERO;
  }

  const bonusNote = bonus.compare(ZERO) > 0 ? `（含加分 ${fmt(bonus)} 分）` : "";
  if (outOfDenominator) {
    trace.push(`本项不计入折算基数，得 ${fmt(score)} 分${bonusNote}`);
    return { state: "scored", base, bonus, penalty, within, score, vetoed, vetoReason, overridden, outOfDenominator, trace };
  }
  trace.push(`本项满分 ${fmt(leaf.max)} 分，得 ${fmt(score)} 分${bonusNote}`);
  return { state: "scored", base, bonus, penalty, within, score, vetoed, vetoReason, overridden, trace };
}

function emptyValue(rule: CompiledRule): unknown {
  return ruleType(rule).emptyValue;
}

/** Normalisation helper shared by parts: 100 × points ÷ denominator. */
export function normalise(points: Exact, denominator: Exact): Exact {
  return mul(div(points, denominator), HUNDRED);
}
