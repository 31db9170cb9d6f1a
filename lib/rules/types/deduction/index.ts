// deduction: start at `start`, subtract per event, each pool capped, never below `floor`;
// a city card may pool the events of every unit (rollupToCity).
import { type Exact, ZERO, add, fmt, mul, parseExact, sub } from "../../../engine/exact";
import { daysBetween } from "../../../engine/values";
import { HAS_EVENTS, single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../primitives";
import { DATE, type InventoryRow, listCodes, listNames, readCount, rowId, str } from "../kit";
import type { CompileContext, PooledFact, RuleEval, RuleTypeModule } from "../module";
import { ZDeductionRule, ZDeductionValue, type TDeductionEvent, type TInventoryEntry } from "./schema";
import type { z } from "zod";
import type { EventRow } from "../kit";

export type TDeductionRule = z.infer<typeof ZDeductionRule>;
/** the form's draft of a value (strings as typed) */
export type DeductionDraft = { type: "deduction"; events: EventRow[]; none: boolean; inventory?: InventoryRow[] };

/** A kind's inventory, with the names of its group's units when compiled for an edition. */
export type CompiledInventory = { required: number; itemLabel: string; group?: string; units?: string[] };
export type CompiledDeductionKind = {
  code: string;
  name: string;
  perEvent: Exact;
  eventUnit: string;
  lateFix?: { afterDays: number; points: Exact; name: string };
  inventory?: CompiledInventory;
};
export type CompiledDeduction = {
  type: "deduction";
  start: Exact;
  floor: Exact;
  pools: { code: string; name?: string; cap: Exact; kinds: CompiledDeductionKind[] }[];
};

const n = (p: string | number) => fmtPoints(pts(p));
export const kindsOf = <K,>(r: { pools: { kinds: K[] }[] }): K[] => r.pools.flatMap((p) => p.kinds);

type LabeledEvent = { event: TDeductionEvent; unitName?: string };
type DeductionValue = { events: TDeductionEvent[]; inventory?: TInventoryEntry[] };

/** The inventory kind of a rule (at most one), if any. */
export const inventoryKind = <K extends { inventory?: unknown }>(r: { pools: { kinds: K[] }[] }): K | undefined => kindsOf(r).find((k) => k.inventory);

const GROUP_LABEL: Record<string, string> = { county: "县（市、区）", department: "部门", city: "设区市" };
export const inventoryUnitLabel = (inv: { group?: string }) => (inv.group ? (GROUP_LABEL[inv.group] ?? "单位") : "单位");

/**
 * Missing items from the inventories of the fact and of the pooled facts (R4.rooms): per
 * county Σ max(0, required − count); pooled max(0, required × units listed − Σ count). A unit
 * listed on the city's own fact and on its own fact counts once, by its own fact.
 */
export function inventoryShortfall(
  inv: CompiledInventory,
  own: TInventoryEntry[] | undefined,
  pooled: PooledFact[] | undefined,
  ownLabel: string | undefined,
  reading: "per-county" | "pooled",
): { missing: number; lines: string[] } | null {
  const byUnit = new Map<string, { count: number; from: string }>();
  const replaced: string[] = [];
  const put = (unit: string, count: number, from: string) => {
    const before = byUnit.get(unit);
    if (before && before.from !== from) replaced.push(unit);
    byUnit.set(unit, { count, from });
  };
  for (const e of own ?? []) put(e.unit?.trim() || ownLabel || "本单位", e.count, "own");
  for (const p of pooled ?? []) {
    const v = p.fact?.value as DeductionValue | undefined;
    if (p.fact?.notApplicable || !v?.inventory) continue;
    for (const e of v.inventory) put(e.unit?.trim() || p.unitName, e.count, p.unitName);
  }
  if (byUnit.size === 0) return null;
  const entries = [...byUnit];
  const per = entries.map(([unit, { count }]) => ({ unit, count, short: Math.max(0, inv.required - count) }));
  const listed = per.map((e) => `${e.unit} ${e.count} 个${e.short > 0 ? `（缺 ${e.short}）` : ""}`);
  const lines = [`${inv.itemLabel}配备清单（每个${inventoryUnitLabel(inv)}应配 ${inv.required} 个）：${listNames(listed)}`];
  if (replaced.length > 0) lines.push(`${listNames([...new Set(replaced)])} 在全市清单与本单位填报中均有，按本单位填报计`);
  let missing: number;
  if (reading === "pooled") {
    const have = per.reduce((a, e) => a + e.count, 0);
    const need = inv.required * per.length;
    missing = Math.max(0, need - have);
    lines.push(`按全市合计计算（口径 R4.rooms = pooled）：应配 ${per.length} × ${inv.required} = ${need} 个，已配 ${have} 个，缺 ${missing} 个`);
  } else {
    missing = per.reduce((a, e) => a + e.short, 0);
    lines.push(`逐${inventoryUnitLabel(inv)}计算缺口（多配的不抵补其他单位）：缺 ${missing} 个`);
  }
  return { missing, lines };
}

function evaluateDeduction(rule: CompiledDeduction, value: DeductionValue, pooled: PooledFact[] | undefined, ownLabel: string | undefined, reading: "per-county" | "pooled"): RuleEval {
  const events: LabeledEvent[] = value.events.map((event) => ({ event, unitName: pooled ? ownLabel : undefined }));
  const lines: string[] = [];
  const invKind = inventoryKind(rule);
  const shortfall = invKind?.inventory ? inventoryShortfall(invKind.inventory, value.inventory, pooled, ownLabel, reading) : null;
  if (shortfall) {
    lines.push(...shortfall.lines);
    if (shortfall.missing > 0) events.push({ event: { kind: invKind!.code, count: shortfall.missing }, unitName: pooled ? "配备清单" : undefined });
  }
  if (pooled) {
    for (const p of pooled) {
      const v = p.fact?.value as { events?: TDeductionEvent[] } | undefined;
      if (p.fact?.notApplicable || !v?.events) continue;
      for (const event of v.events) events.push({ event, unitName: p.unitName });
    }
  }
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
  if (events.length === 0) lines.push(shortfall ? `不缺${invKind!.inventory!.itemLabel}，无扣分事项` : `无扣分事项`);
  const raw = sub(rule.start, total);
  if (total.compare(ZERO) > 0) lines.push(`${fmt(rule.start)} − ${fmt(total)} = ${fmt(raw)}`);
  if (raw.compare(rule.floor) < 0) {
    lines.push(`低于最低分 ${fmt(rule.floor)} 分，按 ${fmt(rule.floor)} 分计（扣完为止）`);
    return { base: rule.floor, lines };
  }
  return { base: raw, lines };
}

/** Inventory rows as typed → entries; a row with neither unit nor number is left out. */
function buildInventory(rule: { pools: { kinds: { inventory?: { itemLabel: string; group?: string } }[] }[] }, rows: InventoryRow[], errors: Record<string, string>): TInventoryEntry[] {
  const inv = inventoryKind(rule)?.inventory;
  if (!inv) return [];
  const out: TInventoryEntry[] = [];
  rows.forEach((row, i) => {
    const unit = row.unit.trim();
    if (!unit && !row.count.trim()) return;
    const key = `value.inventory.${i}`;
    if (!row.count.trim()) {
      errors[`${key}.count`] = `请填写${unit || "本单位"}已配备的${inv.itemLabel}数量`;
      return;
    }
    const r = readCount(row.count, `${unit || "本单位"}已配备的${inv.itemLabel}数量`);
    if ("error" in r) errors[`${key}.count`] = r.error;
    else out.push(unit ? { unit, count: r.value } : { count: r.value });
  });
  return out;
}

export const deduction: RuleTypeModule<TDeductionRule, CompiledDeduction, DeductionDraft> = {
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
  compile: (rule, ctx?: CompileContext) => ({
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
        ...(k.inventory
          ? { inventory: { required: k.inventory.required, itemLabel: k.inventory.itemLabel, group: k.inventory.group, units: k.inventory.group && ctx ? ctx.unitsOf(k.inventory.group) : undefined } }
          : {}),
      })),
    })),
  }),
  valueSchema: () => ({ schema: ZDeductionValue, shape: `扣分型，value 应为 { "events": [{ "kind": "扣分类型代码", "count": 次数 }] }` }),
  check(r, value, { path: p, errors, year }) {
    const v = value as { events: { kind: string; date?: string; fixedDate?: string | null }[]; inventory?: TInventoryEntry[] };
    if (v.inventory) {
      const inv = inventoryKind(r)?.inventory;
      if (!inv) errors.push({ path: `${p}.inventory`, message: `本项没有配备清单，不应填写配备数量（inventory）` });
      else {
        const seen = new Set<string>();
        v.inventory.forEach((e, i) => {
          const unit = e.unit?.trim() ?? "";
          if (unit && inv.units && !inv.units.includes(unit)) {
            errors.push({ path: `${p}.inventory[${i}].unit`, message: `“${unit}”不是本考核年度的${inventoryUnitLabel(inv)}，应为 ${listNames(inv.units)}` });
          }
          if (seen.has(unit)) errors.push({ path: `${p}.inventory[${i}].unit`, message: unit ? `“${unit}”重复填写，每个单位只填一行` : `未填单位的行只能有一行（表示本单位）` });
          seen.add(unit);
        });
      }
    }
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
  evaluate: (leaf, rule, value, pooled, ownLabel) => evaluateDeduction(rule, value as DeductionValue, pooled, ownLabel, leaf.options?.inventory ?? "per-county"),
  describeRule(rule) {
    const start = pts(rule.start);
    const pools = rule.pools.map((pool) => {
      const kinds = pool.kinds.map((k) => {
        const inv = k.inventory ? `（每个${inventoryUnitLabel(k.inventory)}应配${k.inventory.required}个${k.inventory.itemLabel}，可填配备清单）` : "";
        const base = `${k.name}每${k.eventUnit ?? "次"}扣${n(k.perEvent)}分${inv}`;
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
    const inventory = (v.inventory as TInventoryEntry[] | undefined) ?? [];
    const inv = inventoryKind(rule)?.inventory;
    if (inventory.length > 0) lines.push(`${inv?.itemLabel ?? ""}配备清单：${inventory.map((e) => `${e.unit ?? "本单位"} ${e.count} 个`).join("、")}`);
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
      const inventory = Array.isArray(v.inventory) ? (v.inventory as TInventoryEntry[]) : [];
      return {
        type: "deduction",
        ...(inventoryKind(_rule) ? { inventory: inventory.map((e) => ({ id: rowId(), unit: str(e.unit), count: str(e.count) })) } : {}),
        events: events.map((e) => ({
          id: rowId(),
          kind: str(e.kind),
          count: e.count === undefined ? "" : str(e.count),
          date: str(e.date),
          fixedDate: str(e.fixedDate),
          note: str(e.note),
        })),
        none: has && events.length === 0 && inventory.length === 0,
      };
    },
    build(rule, s, errors, ctx) {
      const inventory = buildInventory(rule, s.inventory ?? [], errors);
      const withInventory = (v: { events: unknown[] }) => (inventory.length > 0 ? { ...v, inventory } : v);
      if (s.events.length === 0) return inventory.length > 0 ? withInventory({ events: [] }) : s.none || ctx.role === "review" ? { events: [] } : undefined;
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
      return withInventory({ events });
    },
  },
  sheet: {
    lists: ["events", "inventory"],
    fields(_leaf, rule, v) {
      const stored = Array.isArray(v?.events) ? (v.events as unknown[]).length : 0;
      const out = [single("hasEvents", "本年度有无扣分事项（有/无）", "hasEvents", HAS_EVENTS)];
      const kindNames = kindsOf(rule).map((k) => k.name);
      const inv = inventoryKind(rule)?.inventory;
      if (inv) {
        const storedInv = Array.isArray(v?.inventory) ? (v.inventory as unknown[]).length : 0;
        // one row per unit of the group (the city lists every county), at least 3
        for (let i = 0; i < Math.max(3, inv.units?.length ?? 0, storedInv) + 2; i++) {
          out.push({
            key: `inventory.${i}`,
            label: `${inv.itemLabel}配备（${inventoryUnitLabel(inv)}名称，本单位可不填；已配备个数） ${i + 1}`,
            inputs: [
              { col: "G", parse: "text", list: inv.units && inv.units.length > 0 ? inv.units : undefined },
              { col: "H", parse: "int" },
            ],
          });
        }
      }
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
      ((v.inventory as TInventoryEntry[] | undefined) ?? []).forEach((e, i) => put(`inventory.${i}`, { G: e.unit ?? null, H: e.count }));
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
      const inventory: Record<string, unknown>[] = [];
      for (const f of r.fields.filter((f) => f.key.startsWith("inventory."))) {
        if (!r.anyIn(f.key)) continue;
        const i = inventory.length;
        r.at(`value.inventory[${i}]`, f.key, "H");
        r.at(`value.inventory[${i}].unit`, f.key, "G");
        r.at(`value.inventory[${i}].count`, f.key, "H");
        const unit = r.get<string>(f.key, "G");
        const count = r.get<number>(f.key, "H");
        if (!r.has(f.key, "H")) r.required(f.key, `请填写${unit ?? "本单位"}已配备的个数`, "H");
        inventory.push({ ...(unit ? { unit } : {}), count });
      }
      const withInventory = inventory.length > 0 ? { inventory } : {};
      const any = r.has("hasEvents") ? r.get<boolean>("hasEvents") : undefined;
      if (any === false && events.length > 0) r.required("hasEvents", "选择了“无”，但下方填写了扣分事项");
      else if (any === true && events.length === 0) r.required("hasEvents", "选择了“有”，请在下方填写扣分事项");
      else if (any !== undefined || events.length > 0 || inventory.length > 0) return { value: { events, ...withInventory }, valueKey: "hasEvents" };
      return { valueKey: "hasEvents" };
    },
  },
};
