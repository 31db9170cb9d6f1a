// Evaluate one leaf from its facts: the rule types of the seed, preconditions,
// modifiers (bonus/penalty) and reviewer overrides. Pure: facts in, outcome out.
import type { CompiledLeaf, CompiledRule } from "./compile";
import { type Exact, HUNDRED, ONE, ZERO, add, div, fmt, max, min, mul, parseExact, roundExact, sub, sum } from "./exact";
import { equals, operand, shareOperand } from "./explain";
import { daysBetween, type TDeductionEvent, type TItemFact } from "./facts";
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

const NAME_LIST_LIMIT = 8;
function listNames(names: string[]): string {
  if (names.length <= NAME_LIST_LIMIT) return names.join("、");
  return `${names.slice(0, NAME_LIST_LIMIT).join("、")} 等 ${names.length} 个`;
}

/** Names given more than once (after trimming), each listed once. */
function duplicateNames(items: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const t of items.map((s) => s.trim()).filter(Boolean)) (seen.has(t) ? dup : seen).add(t);
  return [...dup];
}

/** Rule arithmetic: the base score (unclamped) and its trace lines. */
type RuleEval = { base: Exact; lines: string[]; vetoed?: boolean; vetoReason?: string } | { notEntered: string[] };

export function evaluateRule(leaf: CompiledLeaf, rule: CompiledRule, value: unknown, pooled?: PooledFact[], ownLabel?: string): RuleEval {
  switch (rule.type) {
    case "count": {
      const v = value as { items: string[] };
      const names = [...new Set(v.items.map((s) => s.trim()).filter((s) => s.length > 0))];
      const raw = mul(rule.pointsPer, names.length);
      const lines = [
        names.length > 0
          ? `${rule.verb ?? ""}${rule.itemLabel} ${names.length} 个（${listNames(names)}）× ${fmt(rule.pointsPer)} = ${fmt(raw)}`
          : `${rule.verb ?? ""}${rule.itemLabel} 0 个，得 0 分`,
      ];
      const dropped = duplicateNames(v.items);
      if (dropped.length > 0) lines.push(`重复填写的名称只计一次：${listNames(dropped)}`);
      if (raw.compare(rule.cap) > 0) {
        lines.push(`合计 ${fmt(raw)} 分，超过本项上限 ${fmt(rule.cap)} 分，按 ${fmt(rule.cap)} 分计`);
        return { base: rule.cap, lines };
      }
      return { base: raw, lines };
    }
    case "binary": {
      const v = value as { yes: boolean; reference?: string; date?: string };
      if (v.yes) {
        const ref = [v.reference ? `文号/依据：${v.reference}` : "", v.date ? `日期：${v.date}` : ""].filter(Boolean).join("，");
        return { base: rule.points, lines: [`${rule.yesLabel}：是${ref ? `（${ref}）` : ""}，得 ${fmt(rule.points)} 分`] };
      }
      return { base: ZERO, lines: [`${rule.yesLabel}：否，不得分`] };
    }
    case "ratio": {
      const v = value as { numerator: number; denominator?: number; list?: string[] };
      const target = rule.saturateAt ?? v.denominator;
      if (target === undefined) return { notEntered: [`未填写${rule.denominatorLabel ?? "分母"}，暂不计分`] };
      const share = div(parseExact(v.numerator), target);
      const used = min(ONE, share);
      const base = mul(rule.points, used);
      const targetLabel = rule.saturateAt !== undefined ? `应达 ${rule.saturateAt}` : `${rule.denominatorLabel ?? "总数"} ${target}`;
      const shown = shareOperand(share, v.numerator, target);
      const lines = [`${rule.numeratorLabel} ${v.numerator} ÷ ${targetLabel}${shown.includes("/") ? "" : ` = ${shown}`}`];
      if (share.compare(ONE) > 0) lines.push(`比例超过 1，按 1 计`);
      lines.push(`${operand(rule.points)} × ${share.compare(ONE) > 0 ? "1" : shown} ${equals(base)}`);
      return { base, lines };
    }
    case "deduction":
      return evaluateDeduction(rule, value as { events: TDeductionEvent[] }, pooled, ownLabel);
    case "tiers": {
      let measure: Exact;
      const lines: string[] = [];
      if (rule.measure === "monthlyAverage") {
        const v = value as { monthly?: (string | number | null)[] };
        const monthly = v.monthly ?? [];
        const missing: number[] = [];
        for (let i = 0; i < rule.months; i++) if (monthly[i] === null || monthly[i] === undefined) missing.push(i + 1);
        if (missing.length > 0) return { notEntered: [`第 ${missing.join("、")} 月${rule.measureLabel}未填报，暂不计分`] };
        const values = monthly.slice(0, rule.months).map((m) => parseExact(m as string | number));
        const total = sum(values);
        measure = div(total, rule.months);
        lines.push(`各月${rule.measureLabel}：${values.map((x, i) => `${i + 1}月 ${fmt(x)}`).join("、")}`);
        lines.push(`合计 ${operand(total)} ÷ ${rule.months} 个月 ${equals(measure)}（月均）`);
      } else {
        const v = value as { value?: string | number };
        if (v.value === undefined) return { notEntered: [`未填写${rule.measureLabel}，暂不计分`] };
        measure = parseExact(v.value);
        lines.push(`${rule.measureLabel}：${fmt(measure)}`);
      }
      const label = rule.measure === "monthlyAverage" ? "月均" : rule.measureLabel;
      for (const t of rule.tiers) {
        if (measure.compare(t.min) >= 0) {
          lines.push(`${label} ${fmt(measure)} ≥ ${fmt(t.min)}（含本数），得 ${fmt(t.points)} 分`);
          return { base: t.points, lines };
        }
      }
      const lowest = rule.tiers[rule.tiers.length - 1];
      lines.push(`${label} ${fmt(measure)} 低于最低档 ${fmt(lowest.min)}，得 ${fmt(rule.otherwise)} 分`);
      return { base: rule.otherwise, lines };
    }
    case "choice": {
      const v = value as { levels: string[] };
      const chosen = [...new Set(v.levels)].map((c) => rule.levels.find((l) => l.code === c)).filter((l): l is NonNullable<typeof l> => !!l);
      if (chosen.length === 0) return { base: rule.nonePoints, lines: [`${rule.noneLabel}，得 ${fmt(rule.nonePoints)} 分`] };
      let pick = chosen[0];
      for (const l of chosen) {
        const c = l.points.compare(pick.points);
        if ((rule.combine === "highest" && c > 0) || (rule.combine === "lowest" && c < 0)) pick = l;
      }
      const listed = chosen.map((l) => `${l.name}（${fmt(l.points)} 分）`).join("、");
      const how = chosen.length > 1 ? (rule.combine === "highest" ? "取最高" : "取最低") + "，" : "";
      const dup = v.levels.length > chosen.length ? "（同一级别重复不累计）" : "";
      return { base: pick.points, lines: [`所选：${listed}${dup}；${how}按“${pick.name}”得 ${fmt(pick.points)} 分`] };
    }
    case "rating": {
      const v = value as { score: string | number };
      const s = parseExact(v.score);
      return { base: s, lines: [`评审评分 ${fmt(s)} 分（满分 ${fmt(min(rule.max, leaf.max))} 分）`] };
    }
    case "veto": {
      const v = value as { triggered: boolean; reason?: string };
      if (v.triggered) {
        const why = `${rule.condition}${v.reason ? `（${v.reason}）` : ""}`;
        return { base: ZERO, lines: [`触发单项否决：${why}，本部分计 0 分`], vetoed: true, vetoReason: why };
      }
      return { base: leaf.max, lines: [`未触发否决事项（${rule.condition}）`] };
    }
  }
}

type LabeledEvent = { event: TDeductionEvent; unitName?: string };

function evaluateDeduction(
  rule: Extract<CompiledRule, { type: "deduction" }>,
  value: { events: TDeductionEvent[] },
  pooled: PooledFact[] | undefined,
  ownLabel: string | undefined,
): RuleEval {
  const events: LabeledEvent[] = value.events.map((event) => ({ event, unitName: pooled ? ownLabel : undefined }));
  if (pooled) {
    for (const p of pooled) {
      const v = p.fact?.value as { events?: TDeductionEvent[] } | undefined;
      if (p.fact?.notApplicable || !v?.events) continue;
      for (const event of v.events) events.push({ event, unitName: p.unitName });
    }
  }
  const lines: string[] = [];
  let total = ZERO;
  for (const pool of rule.pools) {
    let poolSum = ZERO;
    let kindsUsed = 0;
    for (const kind of pool.kinds) {
      const mine = events.filter((e) => e.event.kind === kind.code);
      if (mine.length === 0) continue;
      kindsUsed++;
      const n = mine.reduce((acc, e) => acc + (e.event.count ?? 1), 0);
      const amount = mul(kind.perEvent, n);
      poolSum = add(poolSum, amount);
      if (pooled) {
        const byUnit = new Map<string, number>();
        for (const e of mine) byUnit.set(e.unitName ?? "", (byUnit.get(e.unitName ?? "") ?? 0) + (e.event.count ?? 1));
        lines.push(`${kind.name}：${[...byUnit].map(([u, c]) => `${u} ${c} ${kind.eventUnit}`).join("，")}`);
      }
      lines.push(`${kind.name} ${n} ${kind.eventUnit} × ${fmt(kind.perEvent)} = ${fmt(amount)}`);
      if (kind.lateFix) {
        const lf = kind.lateFix;
        let late = 0;
        const notFixed: string[] = [];
        for (const e of mine) {
          const c = e.event.count ?? 1;
          const fixed = e.event.fixedDate;
          if (fixed === undefined || fixed === null) {
            late += c;
            notFixed.push(`${e.event.date ?? "日期未填"}未整改`);
          } else if (e.event.date && daysBetween(e.event.date, fixed) > lf.afterDays) {
            late += c;
            notFixed.push(`${e.event.date} 通报、${fixed} 整改（${daysBetween(e.event.date, fixed)} 天）`);
          }
        }
        if (late > 0) {
          const lateAmount = mul(lf.points, late);
          poolSum = add(poolSum, lateAmount);
          kindsUsed++;
          lines.push(`${lf.name}（超过 ${lf.afterDays} 天或未整改：${listNames(notFixed)}）${late} 次 × ${fmt(lf.points)} = ${fmt(lateAmount)}`);
        }
      }
    }
    if (kindsUsed === 0) continue;
    const poolName = pool.name ?? "扣分";
    if (kindsUsed > 1) lines.push(`${poolName}合计 ${fmt(poolSum)} 分`);
    if (poolSum.compare(pool.cap) > 0) {
      lines.push(`扣分 ${fmt(poolSum)} 分，超过本项扣分上限 ${fmt(pool.cap)} 分，按 ${fmt(pool.cap)} 分扣`);
      poolSum = pool.cap;
    }
    total = add(total, poolSum);
  }
  if (events.length === 0) lines.push(`无扣分事项`);
  const raw = sub(rule.start, total);
  if (total.compare(ZERO) > 0) lines.push(`${fmt(rule.start)} − ${fmt(total)} = ${fmt(raw)}`);
  if (raw.compare(rule.floor) < 0) {
    lines.push(`低于最低分 ${fmt(rule.floor)} 分，按 ${fmt(rule.floor)} 分计（扣完为止）`);
    return { base: rule.floor, lines };
  }
  return { base: raw, lines };
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

  // Preconditions: any unmet → base 0; any not filled in → not entered.
  let preconditionFailed = false;
  if (leaf.preconditions.length > 0 && leaf.options.ignorePreconditions) {
    trace.push(`不看前提条件（口径 R10 = ignore）：${leaf.preconditions.map((p) => p.label).join("；")}`);
  } else if (leaf.preconditions.length > 0) {
    // E2 "unmet": an unanswered precondition counts as not met
    const unansweredIsUnmet = leaf.options.unansweredPrecondition === "unmet";
    const unmet = leaf.preconditions.filter((p) => fact?.conditions?.[p.code] === false || (unansweredIsUnmet && fact?.conditions?.[p.code] === undefined));
    const unknown = unansweredIsUnmet ? [] : leaf.preconditions.filter((p) => fact?.conditions?.[p.code] === undefined);
    if (unmet.length > 0) {
      preconditionFailed = true;
      ruleEval = { base: ZERO, lines: [`前提条件未满足：${unmet.map((p) => p.label).join("；")}，本项计 0 分`] };
    } else if (unknown.length > 0 && !fact?.override) {
      return notEntered([`前提条件“${unknown.map((p) => p.label).join("”“")}”尚未填报，暂不计分`]);
    } else {
      trace.push(`前提条件已满足：${leaf.preconditions.map((p) => p.label).join("；")}`);
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
  if (ruleEval) {
    if ("notEntered" in ruleEval) {
      if (!fact?.override) return notEntered(ruleEval.notEntered);
      trace.push(...ruleEval.notEntered);
    } else {
      trace.push(...ruleEval.lines);
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
  trace.push(`本项满分 ${fmt(leaf.max)} 分，得 ${fmt(score)} 分${bonusNote}`);
  return { state: "scored", base, bonus, penalty, within, score, vetoed, vetoReason, overridden, trace };
}

function emptyValue(rule: CompiledRule): unknown {
  return rule.type === "deduction" ? { events: [] } : undefined;
}

/** Normalisation helper shared by parts: 100 × points ÷ denominator. */
export function normalise(points: Exact, denominator: Exact): Exact {
  return mul(div(points, denominator), HUNDRED);
}
