// deduction: start at `start`, subtract per event, each pool capped, never below `floor`;
// a city card may pool the events of every unit (rollupToCity).
import { type Exact, ZERO, add, fmt, mul, parseExact, sub } from "../../../engine/exact";
import { daysBetween } from "../../../engine/values";
import { HAS_EVENTS, single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../validate";
import { DATE, listCodes, listNames, readCount, rowId, str } from "../kit";
import type { PooledFact, RuleEval, RuleTypeModule } from "../module";
import { ZDeductionRule, ZDeductionValue, type TDeductionEvent } from "./schema";

export type CompiledDeductionKind = { code: string; name: string; perEvent: Exact; eventUnit: string; lateFix?: { afterDays: number; points: Exact; name: string } };
export type CompiledDeduction = {
  type: "deduction";
  start: Exact;
  floor: Exact;
  pools: { code: string; name?: string; cap: Exact; kinds: CompiledDeductionKind[] }[];
};

const n = (p: string | number) => fmtPoints(pts(p));
export const kindsOf = <K,>(r: { pools: { kinds: K[] }[] }): K[] => r.pools.flatMap((p) => p.kinds);

type LabeledEvent = { event: TDeductionEvent; unitName?: string };

function evaluateDeduction(rule: CompiledDeduction, value: { events: TDeductionEvent[] }, pooled: PooledFact[] | undefined, ownLabel: string | undefined): RuleEval {
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
      const count = mine.reduce((acc, e) => acc + (e.event.count ?? 1), 0);
      const amount = mul(kind.perEvent, count);
      poolSum = add(poolSum, amount);
      if (pooled) {
        const byUnit = new Map<string, number>();
        for (const e of mine) byUnit.set(e.unitName ?? "", (byUnit.get(e.unitName ?? "") ?? 0) + (e.event.count ?? 1));
        lines.push(`${kind.name}：${[...byUnit].map(([u, c]) => `${u} ${c} ${kind.eventUnit}`).join("，")}`);
      }
      lines.push(`${kind.name} ${count} ${kind.eventUnit} × ${fmt(kind.perEvent)} = ${fmt(amount)}`);
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

export const deduction: RuleTypeModule<"deduction"> = {
  type: "deduction",
  label: "扣分",
  params: ZDeductionRule,
  paramForm: [
    { key: "start", label: "起始分", kind: "points", required: true },
    { key: "floor", label: "最低分", kind: "points", required: false, hint: "默认 0" },
    { key: "pools", label: "扣分项", kind: "json", required: true, hint: "[{ code, name, cap, kinds: [{ code, name, perEvent }] }]" },
  ],
  values: [ZDeductionValue],
  emptyValue: { events: [] },
  compile: (rule) => ({
    type: "deduction",
    start: parseExact(rule.start),
    floor: parseExact(rule.floor ?? 0),
    pools: rule.pools.map((p) => ({
      code: p.code,
      name: p.name,
      cap: parseExact(p.cap),
      kinds: p.kinds.map((k) => ({
        code: k.code,
        name: k.name,
        perEvent: parseExact(k.perEvent),
        eventUnit: k.eventUnit ?? "次",
        lateFix: k.lateFix ? { afterDays: k.lateFix.afterDays, points: parseExact(k.lateFix.points), name: k.lateFix.name } : undefined,
      })),
    })),
  }),
  valueSchema: () => ({ schema: ZDeductionValue, shape: `扣分型，value 应为 { "events": [{ "kind": "扣分类型代码", "count": 次数 }] }` }),
  check(r, value, { path: p, errors, year }) {
    const v = value as { events: { kind: string; date?: string; fixedDate?: string | null }[] };
    const kinds = kindsOf(r);
    v.events.forEach((e, i) => {
      const ep = `${p}.events[${i}]`;
      const kind = r.pools.flatMap((pool) => pool.kinds).find((k) => k.code === e.kind);
      if (!kind) {
        errors.push({ path: `${ep}.kind`, message: `未知的扣分类型 “${e.kind}”，应为 ${listCodes(kinds)}` });
        return;
      }
      // an event belongs to the assessment year; a fix may come up to the end of the next one
      if (e.date && !e.date.startsWith(`${year}-`)) {
        errors.push({ path: `${ep}.date`, message: `日期 ${e.date} 不在考核年度内，应在 ${year}-01-01 至 ${year}-12-31 之间` });
      }
      if (typeof e.fixedDate === "string" && e.fixedDate > `${year + 1}-12-31`) {
        errors.push({ path: `${ep}.fixedDate`, message: `整改日期 ${e.fixedDate} 超出范围，应不晚于 ${year + 1}-12-31` });
      }
      if (typeof e.fixedDate === "string") {
        if (!kind.lateFix) errors.push({ path: `${ep}.fixedDate`, message: `扣分类型“${kind.name}”不涉及整改期限，不应填写整改日期` });
        else if (!e.date) errors.push({ path: `${ep}.date`, message: `填写了整改日期时须填写通报日期（YYYY-MM-DD）` });
        else if (daysBetween(e.date, e.fixedDate) < 0) errors.push({ path: `${ep}.fixedDate`, message: `整改日期 ${e.fixedDate} 早于通报日期 ${e.date}` });
      }
    });
  },
  evaluate: (_leaf, rule, value, pooled, ownLabel) => evaluateDeduction(rule, value as { events: TDeductionEvent[] }, pooled, ownLabel),
  describeRule(rule) {
    const start = pts(rule.start);
    const pools = rule.pools.map((pool) => {
      const kinds = pool.kinds.map((k) => {
        const base = `${k.name}每${k.eventUnit ?? "次"}扣${n(k.perEvent)}分`;
        return k.lateFix ? `${base}，另外${k.lateFix.name}（超过${k.lateFix.afterDays}天）的每次再扣${n(k.lateFix.points)}分` : base;
      });
      const cap = pts(pool.cap);
      const capNote = kinds.length > 1 || cap.compare(start) < 0 ? `（${kinds.length > 1 ? "以上合计" : "此项"}最多扣${fmtPoints(cap)}分）` : "";
      return `${kinds.join("，")}${capNote}`;
    });
    const floor = pts(rule.floor);
    const end = floor.compare(0) === 0 ? "扣完为止" : `最低${fmtPoints(floor)}分`;
    return `本项${fmtPoints(start)}分，${pools.join("；")}，${end}`;
  },
  describeValue(rule, v) {
    const events = (v.events as Record<string, unknown>[]) ?? [];
    const kinds = rule.pools.flatMap((pool) => pool.kinds);
    const lines: string[] = [];
    if (events.length === 0) lines.push("无扣分事项");
    for (const e of events) {
      const k = kinds.find((x) => x.code === e.kind);
      const bits = [k?.name ?? str(e.kind), `${str(e.count ?? 1)} ${k?.eventUnit ?? "次"}`];
      if (e.date) bits.push(`日期 ${str(e.date)}`);
      if (e.fixedDate) bits.push(`整改 ${str(e.fixedDate)}`);
      if (e.note) bits.push(str(e.note));
      lines.push(bits.join("，"));
    }
    return lines;
  },
  form: {
    initial(_rule, value) {
      const has = value !== undefined && value !== null;
      const v = (value ?? {}) as Record<string, unknown>;
      const events = Array.isArray(v.events) ? (v.events as Record<string, unknown>[]) : [];
      return {
        type: "deduction",
        events: events.map((e) => ({
          id: rowId(),
          kind: str(e.kind),
          count: e.count === undefined ? "" : str(e.count),
          date: str(e.date),
          fixedDate: str(e.fixedDate),
          note: str(e.note),
        })),
        none: has && events.length === 0,
      };
    },
    build(rule, s, errors, ctx) {
      if (s.events.length === 0) return s.none || ctx.role === "review" ? { events: [] } : undefined;
      const kinds = rule.pools.flatMap((p) => p.kinds);
      const events = s.events.map((e, i) => {
        const key = `value.events.${i}`;
        const out: Record<string, unknown> = { kind: e.kind };
        const kind = kinds.find((k) => k.code === e.kind);
        if (!e.kind) errors[`${key}.kind`] = "请选择扣分类型";
        if (e.count.trim()) {
          const r = readCount(e.count, `第 ${i + 1} 条次数`, 1);
          if ("error" in r) errors[`${key}.count`] = r.error;
          else out.count = r.value;
        }
        if (e.date) {
          if (!DATE.test(e.date)) errors[`${key}.date`] = "日期格式应为 YYYY-MM-DD";
          out.date = e.date;
        }
        if (kind?.lateFix && e.fixedDate) {
          if (!DATE.test(e.fixedDate)) errors[`${key}.fixedDate`] = "日期格式应为 YYYY-MM-DD";
          else if (!e.date) errors[`${key}.date`] = "填写了整改日期时须填写通报日期";
          else if (e.fixedDate < e.date) errors[`${key}.fixedDate`] = "整改日期不能早于通报日期";
          out.fixedDate = e.fixedDate;
        } else if (kind?.lateFix && ctx.role === "review") {
          out.fixedDate = null; // the reviewer states "not fixed" explicitly
        }
        if (e.note.trim()) out.note = e.note.trim();
        return out;
      });
      return { events };
    },
  },
  sheet: {
    lists: ["events"],
    fields(_leaf, rule, v) {
      const stored = Array.isArray(v?.events) ? (v.events as unknown[]).length : 0;
      const out = [single("hasEvents", "本年度有无扣分事项（有/无）", "hasEvents", HAS_EVENTS)];
      const kindNames = kindsOf(rule).map((k) => k.name);
      for (let i = 0; i < Math.max(5, stored + 3); i++) {
        out.push({
          key: `events.${i}`,
          label: `扣分事项 ${i + 1}`,
          inputs: [
            { col: "G", parse: "kind", list: kindNames },
            { col: "H", parse: "posint" },
            { col: "I", parse: "date" },
            { col: "J", parse: "date" },
            { col: "K", parse: "text" },
          ],
        });
      }
      return out;
    },
    toRows(rule, v, put) {
      const events = v.events as { kind: string; count?: number; date?: string; fixedDate?: string | null; note?: string }[];
      put("hasEvents", { G: events.length > 0 ? "有" : "无" });
      const byCode = new Map(kindsOf(rule).map((k) => [k.code, k.name]));
      events.forEach((e, i) => put(`events.${i}`, { G: byCode.get(e.kind) ?? e.kind, H: e.count ?? null, I: e.date ?? null, J: e.fixedDate ?? null, K: e.note ?? null }));
    },
    fromRows(rule, r) {
      r.at("value.events", "hasEvents");
      const kinds = kindsOf(rule);
      const events: Record<string, unknown>[] = [];
      for (const f of r.fields.filter((f) => f.key.startsWith("events."))) {
        if (!r.anyIn(f.key)) continue;
        const i = events.length;
        r.at(`value.events[${i}]`, f.key, "G");
        r.at(`value.events[${i}].kind`, f.key, "G");
        r.at(`value.events[${i}].count`, f.key, "H");
        r.at(`value.events[${i}].date`, f.key, "I");
        r.at(`value.events[${i}].fixedDate`, f.key, "J");
        r.at(`value.events[${i}].note`, f.key, "K");
        const name = r.get<string>(f.key, "G");
        let kind: string | undefined;
        if (!r.has(f.key, "G")) r.required(f.key, "请选择扣分类型");
        else {
          kind = kinds.find((k) => k.name === name || k.code === name)?.code;
          if (!kind) r.required(f.key, `未知的扣分类型“${name}”，请从下拉列表中选择：${kinds.map((k) => k.name).join("、")}`);
        }
        const count = r.get<number>(f.key, "H");
        const date = r.get<string>(f.key, "I");
        const fixedDate = r.get<string>(f.key, "J");
        const note = r.get<string>(f.key, "K");
        events.push({ kind, ...(count !== undefined ? { count } : {}), ...(date ? { date } : {}), ...(fixedDate ? { fixedDate } : {}), ...(note ? { note } : {}) });
      }
      const any = r.has("hasEvents") ? r.get<boolean>("hasEvents") : undefined;
      if (any === false && events.length > 0) r.required("hasEvents", "选择了“无”，但下方填写了扣分事项");
      else if (any === true && events.length === 0) r.required("hasEvents", "选择了“有”，请在下方填写扣分事项");
      else if (any !== undefined || events.length > 0) return { value: { events }, valueKey: "hasEvents" };
      return { valueKey: "hasEvents" };
    },
  },
};
