// The demo edition's data as a plan: what each unit fills in, what reviewers return,
// adjust and record, and when. Pure and deterministic (seeded PRNG keyed by unit and item,
// so a unit's values do not depend on the order units are visited); lib/demo/apply.ts
// carries the plan out through the same library functions the UI uses.
import { itemsForUnit } from "../assessment/items";
import type { CompiledEdition, CompiledLeaf } from "../engine/compile";
import type { TDeductionEvent, TItemFact } from "../engine/facts";
import { VERIFICATION_METHODS } from "../rules/schema";

export type DemoPayload = Omit<TItemFact, "unit" | "item" | "source">;
export type DemoMethod = (typeof VERIFICATION_METHODS)[number];

export type DemoFill = {
  /** the unit that saves the fact (a lead unit for city-level items) */
  unit: string;
  item: string;
  payload: DemoPayload;
  evidence: { title: string }[];
};
export type DemoReturn = { unit: string; item: string; comment: string; fixed?: DemoPayload };
export type DemoAdjust = { unit: string; item: string; method: DemoMethod; reason: string; payload: DemoPayload };
export type DemoMonitoring = { unit: string; item: string; method: DemoMethod; reason: string; events: TDeductionEvent[] };

export type DemoPlan = {
  fills: DemoFill[];
  /** units that submit, in order */
  submit: string[];
  /** returned before the deadline and fixed by the unit (fixed set), or still open */
  returns: DemoReturn[];
  /** reviewer ratings (rating items) and corrections */
  adjustments: DemoAdjust[];
  monitoring: DemoMonitoring[];
  penalties: { unit: string; part: string; points: string; reason: string }[];
  /** parts whose every unit is reviewed and that are finalised (none: every role has work to do) */
  finalise: string[];
  /** parts reviewed only for these units (the rest stay submitted: 暂定) */
  partial: { part: string; units: string[] }[];
  /** what the demo accounts find: their units' states (see the start output) */
  story: DemoStory;
};

export type DemoStory = {
  /** the county account's unit: submitted, items returned recently, to fix and resubmit */
  returned: string;
  /** the department account's unit: submitted, waiting for review */
  awaiting: string;
  /** a unit that has not started (no account: the admin can create one) */
  notStarted: string;
  /** every submitted unit still waiting for review */
  waiting: string[];
};

// ---- Deterministic randomness -----------------------------------------------------------

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for plausible demo values. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rngFor(seed: number, ...keys: string[]): () => number {
  return prng(hash(`${seed}|${keys.join("|")}`));
}

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** How diligent a unit is, 0.45..1: good units do well on most items. */
export function unitQuality(seed: number, unit: string): number {
  const r = rngFor(seed, "quality", unit);
  return 0.45 + 0.55 * Math.sqrt(r());
}

/** Events of a kind happen about `mean × (1 − quality)` times. */
function eventCount(r: () => number, q: number, mean: number): number {
  const lambda = mean * (1.15 - q) * 1.6;
  // Knuth's Poisson sampler: fine for small lambdas
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l && k < 50);
  return k - 1;
}

function date2017(r: () => number, fromMonth = 1, toMonth = 12): string {
  const m = int(r, fromMonth, toMonth);
  const d = int(r, 1, 28);
  return `2017-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

const MEETINGS = ["全省安全生产电视电话会议", "全省经济运行视频调度会", "全省防汛防台视频会议", "全省环境保护工作视频会议", "全省“放管服”改革推进视频会议", "全省脱贫攻坚视频推进会"];

// ---- Values per item (sanming-2017 items by code; any other item by rule type) ---------------

/** City-level facts of the 2017 edition: one set for the whole city (R14). */
const CITY_FACTS: Record<string, DemoPayload> = {
  "p1.xxh.ggpt.wlw": { value: { items: ["物联网识别管控平台", "多卡融合平台", "视频图像共享平台", "视频能力服务平台", "位置信息服务平台"] } },
  "p1.xxh.ggpt.jcwl": { value: { items: ["电子政务外网", "政务信息网", "视频专网"] } },
  "p1.xxh.ggpt.yjs": { value: { items: ["市政务云平台", "市灾难备份平台"] } },
  "p1.xxh.ggpt.xxzy": { value: { items: ["政务数据汇聚共享平台", "政务空间信息服务平台", "公共信用信息平台", "电子文件共享服务平台"] } },
  "p1.xxh.ggpt.yyxt": {
    value: { items: ["网上行政执法平台", "网格化服务管理信息平台", "社区综合受理平台", "12345政务服务平台", "政府网站统一技术平台", "政务用户认证授权平台", "社会用户实名认证和授权平台"] },
  },
  "p1.xxh.ggpt.aqbz": { value: { items: ["安全基础服务平台", "安全监控平台", "数据安全管控平台"] } },
  "p1.xxh.sjzx": { value: { yes: true, reference: "明政办〔2017〕88号", date: "2017-06-20" } },
  "p1.xxh.xypt.bsfg": { value: { numerator: 27 }, conditions: { fgxq: true } },
  "p1.xxh.xypt.gs7r": { value: { numerator: 1130, denominator: 1200 } },
  "p1.zy.sjhj.jsfa": { value: { yes: true, reference: "三明市政务数据汇聚共享平台技术方案（2017年5月）" } },
  "p1.zy.sjhj.xmzb": { value: { yes: true, reference: "明采招〔2017〕第0416号中标通知书", date: "2017-09-12" } },
  "p1.zy.mlbz": { value: { numerator: 21, denominator: 24 } },
  "p1.aq.dbbh": { value: { events: [{ kind: "bfhxt", count: 2, note: "2个三级系统未按期完成等级测评" }] } },
  "p1.aq.yjcz.pt": { value: { yes: true, reference: "省网络与信息安全应急处置平台账号开通通知" } },
  "p1.aq.yjcz.sjcz": { value: { events: [{ kind: "wzg", date: "2017-08-14", note: "某部门网站被篡改事件整改反馈超期" }] } },
};

function deductionEvents(leaf: CompiledLeaf, r: () => number, q: number): TDeductionEvent[] {
  if (leaf.rule.type !== "deduction") return [];
  const events: TDeductionEvent[] = [];
  const kinds = leaf.rule.pools.flatMap((p) => p.kinds);
  for (const k of kinds) {
    // per-event points decide how common an event is: 0.05-point absences are common, 1-point notices rare
    const per = Number(k.perEvent.valueOf());
    const mean = per <= 0.05 ? 4 : per <= 0.1 ? 2 : per <= 0.2 ? 1.6 : per <= 0.5 ? 0.6 : 0.7;
    const n = eventCount(r, q, mean);
    if (n === 0) continue;
    if (k.lateFix) {
      for (let i = 0; i < n; i++) {
        const date = date2017(r, 1, 11);
        const late = r() < 0.35;
        const fixedDate = late ? (r() < 0.4 ? null : addDays(date, int(r, k.lateFix.afterDays + 1, k.lateFix.afterDays + 30))) : addDays(date, int(r, 2, k.lateFix.afterDays));
        events.push({ kind: k.code, date, fixedDate, note: "省网络与信息安全信息通报中心通报" });
      }
    } else if (leaf.code.startsWith("p1.xxh.sphy.")) {
      // one line per meeting, the way a unit keeps its meeting log
      let left = n;
      while (left > 0) {
        const c = Math.min(left, int(r, 1, 3));
        events.push({ kind: k.code, count: c, date: date2017(r), note: pick(r, MEETINGS) });
        left -= c;
      }
    } else {
      events.push({ kind: k.code, count: n, date: date2017(r), note: k.name });
    }
  }
  return events;
}

function monthly(r: () => number, q: number): number[] {
  // monthly posts around 2..12 a month; better units post more
  const mean = 1.5 + 9.5 * q + (r() - 0.5) * 4;
  return Array.from({ length: 12 }, () => Math.max(0, Math.round(mean + (r() - 0.5) * 6)));
}

/** The unit's self-assessment of one item, or null when it leaves an opt-in item alone (R9). */
export function selfPayload(leaf: CompiledLeaf, unit: string, seed: number, q: number): DemoPayload | null {
  const r = rngFor(seed, "self", unit, leaf.code);
  const rule = leaf.rule;
  if (leaf.applicability === "opt-in" && r() > 0.45) return null;
  if (leaf.scope === "city" && CITY_FACTS[leaf.code]) return CITY_FACTS[leaf.code];
  const preconditions = (ok: number) => (leaf.preconditions.length ? { conditions: Object.fromEntries(leaf.preconditions.map((p) => [p.code, r() < ok])) } : {});
  switch (rule.type) {
    case "count": {
      const n = Math.max(0, Math.round((Number(rule.cap.valueOf()) / Number(rule.pointsPer.valueOf())) * (0.5 + 0.6 * q)));
      return { value: { items: Array.from({ length: n }, (_, i) => `${rule.itemLabel}${i + 1}`) } };
    }
    case "binary":
      if (leaf.code === "p2.ztzl") {
        const bonus = r() < 0.35 ? { modifiers: [{ code: "zdtg", reason: pick(r, ["主动建设“清新福建·绿都三明”专题", "主动提供“全面深化改革”专题内容", "主动建设“精准扶贫”专题"]) }] } : {};
        return { value: { yes: r() < 0.9 }, ...bonus };
      }
      return { value: { yes: r() < 0.45 + 0.55 * q }, ...preconditions(0.9) };
    case "ratio": {
      const target = rule.saturateAt ?? int(r, 20, 40);
      const num = Math.min(target, Math.round(target * (0.55 + 0.45 * q)));
      return rule.saturateAt ? { value: { numerator: num }, ...preconditions(0.9) } : { value: { numerator: num, denominator: target }, ...preconditions(0.9) };
    }
    case "deduction":
      return { value: { events: deductionEvents(leaf, r, q) } };
    case "tiers":
      if (rule.measure === "monthlyAverage") return { value: { monthly: monthly(r, q) } };
      return { value: { value: Math.max(0, Math.round(3 * q + (r() - 0.4) * 2)) }, ...preconditions(0.88) };
    case "choice": {
      if (leaf.code === "p2.bmwz") {
        const x = r();
        return { value: { levels: x < 0.72 + 0.2 * q ? [] : x < 0.97 ? ["shi"] : ["sheng"] } };
      }
      if (leaf.code === "p2.hdlm.zxft") {
        const x = r() * (0.6 + 0.4 * q);
        const levels = x > 0.62 ? ["zz"] : x > 0.38 ? ["fz"] : x > 0.15 ? ["qt"] : [];
        const mods: { code: string; reason: string }[] = [];
        if (levels.length && r() < 0.3) mods.push({ code: "sjft", reason: "提供本部门负责人接受新闻媒体访谈内容" });
        if (levels.length && r() < 0.08) mods.push({ code: "pjbjj", reason: "访谈嘉宾材料未按时提供" });
        return { value: { levels }, ...(mods.length ? { modifiers: mods } : {}) };
      }
      const sorted = [...rule.levels].sort((a, b) => b.points.compare(a.points));
      const x = r() * q;
      return { value: { levels: x > 0.25 ? [sorted[Math.min(sorted.length - 1, Math.floor((1 - q) * sorted.length))].code] : [] } };
    }
    case "rating":
      // rated by reviewers: the unit only adds a note and evidence
      return { note: "相关栏目内容已按要求保障更新，佐证材料见附件" };
    case "veto":
      return { value: { triggered: false } };
  }
}

/** A reviewer's rating within 0..max in steps of 0.5. */
function rating(leaf: CompiledLeaf, unit: string, seed: number, q: number): string {
  const r = rngFor(seed, "rating", unit, leaf.code);
  const max = Number(leaf.max.valueOf());
  const v = Math.round(max * Math.min(1, 0.55 + 0.42 * q + (r() - 0.5) * 0.12) * 2) / 2;
  return String(Math.max(0, Math.min(max, v)));
}

function evidenceTitles(leaf: CompiledLeaf, payload: DemoPayload): { title: string }[] {
  if (payload.notApplicable) return [];
  const name = leaf.name;
  switch (leaf.rule.type) {
    case "count":
      return [{ title: `${name}：平台建设与应用情况说明` }, { title: `${name}：平台清单及上线证明` }];
    case "binary":
      return [{ title: `${name}：${(payload.value as { reference?: string } | undefined)?.reference ?? "证明材料"}` }];
    case "deduction":
      return [{ title: `${name}：2017年度事项记录与整改台账` }];
    case "tiers":
      return [{ title: `${name}：2017年各月发布统计截图` }];
    default:
      return [{ title: `${name}：佐证材料` }];
  }
}

// ---- The plan ---------------------------------------------------------------------------------

/**
 * What every unit of the edition fills in and what reviewers do with it. `finalise` names
 * the first part: it is reviewed completely and finalised; the other parts stay 暂定 with
 * about a third of the units still waiting for review.
 */
export function buildDemoPlan(compiled: CompiledEdition, seed = 2017): DemoPlan {
  const fills: DemoFill[] = [];
  const cityDone = new Set<string>();
  const submit: string[] = [];
  const assessed = compiled.units.filter((u) => u.group !== "city" && itemsForUnit(compiled, u.code).length > 0);
  const quality = new Map(assessed.map((u) => [u.code, unitQuality(seed, u.code)]));
  // the demo accounts' units (lib/auth/demo-users.ts): 三元区 (county) and 市数字办 (dept)
  const named = (name: string, group: string) => (assessed.find((u) => u.name === name) ?? assessed.find((u) => u.group === group))!.code;
  const returnedUnit = named("三元区", "county");
  const awaitingUnit = named("市数字办", "department");

  // city-level facts first, each saved once by one of its lead units (市数字办 when it leads)
  const leadFor = (leaf: CompiledLeaf): string | undefined => {
    const leads = [...leaf.assessed.entries()].filter(([, role]) => role === "lead").map(([u]) => u);
    return leads.find((u) => compiled.unitByCode.get(u)?.name === "市数字办") ?? leads[0];
  };
  const cityLeads = new Set(compiled.parts.flatMap((p) => p.leaves.filter((l) => l.scope === "city").map((l) => leadFor(l))));
  // not started: a department that keeps no city-level facts, the one with the fewest items
  const notStarted = assessed
    .filter((u) => u.group === "department" && u.code !== awaitingUnit && !cityLeads.has(u.code))
    .map((u, i) => ({ code: u.code, n: itemsForUnit(compiled, u.code).length, i }))
    .sort((a, b) => a.n - b.n || b.i - a.i)[0]?.code ?? "";
  for (const part of compiled.parts) {
    for (const leaf of part.leaves) {
      if (leaf.scope !== "city" || !compiled.city) continue;
      const lead = leadFor(leaf);
      if (!lead) continue;
      const payload = selfPayload(leaf, compiled.city.code, seed, 0.85);
      if (!payload) continue;
      fills.push({ unit: lead, item: leaf.code, payload, evidence: evidenceTitles(leaf, payload) });
      cityDone.add(leaf.code);
    }
  }
  for (const u of assessed) {
    if (u.code === notStarted) continue;
    const items = itemsForUnit(compiled, u.code).filter((i) => i.editable && i.leaf.scope !== "city");
    if (items.length === 0 && !fills.some((f) => f.unit === u.code)) continue;
    for (const it of items) {
      const payload = selfPayload(it.leaf, u.code, seed, quality.get(u.code)!);
      if (!payload) continue;
      fills.push({ unit: u.code, item: it.leaf.code, payload, evidence: evidenceTitles(it.leaf, payload) });
    }
    submit.push(u.code);
  }

  const fillOf = (unit: string, item: string) => fills.find((f) => f.unit === unit && f.item === item);
  const depts = assessed.filter((u) => u.group === "department").map((u) => u.code);
  const counties = assessed.filter((u) => u.group === "county").map((u) => u.code);
  const r = rngFor(seed, "review");

  // two items returned earlier and corrected; two of the county account's items returned just now
  const returns: DemoReturn[] = [];
  const dtxxCounty = counties.find((c) => c !== returnedUnit && fillOf(c, "p2.zwgk.dtxx"));
  if (dtxxCounty) {
    const f = fillOf(dtxxCounty, "p2.zwgk.dtxx")!;
    const months = (f.payload.value as { monthly: number[] }).monthly.map((m, i) => (i === 4 ? Math.max(0, m - 2) : m));
    returns.push({ unit: dtxxCounty, item: "p2.zwgk.dtxx", comment: "5月份发布条数与网站栏目实际发布记录不符，请核对后重新填报", fixed: { value: { monthly: months } } });
  }
  const zxftDept = depts.find((d) => (fillOf(d, "p2.hdlm.zxft")?.payload.value as { levels?: string[] } | undefined)?.levels?.includes("zz"));
  if (zxftDept) {
    returns.push({ unit: zxftDept, item: "p2.hdlm.zxft", comment: "请补充正职领导参加在线访谈的网页链接或截图", fixed: fillOf(zxftDept, "p2.hdlm.zxft")!.payload });
  }
  const OPEN_COMMENTS: Record<string, string> = {
    "p2.zwgk.dtxx": "5月、6月发布条数与网站栏目实际发布记录不符，请核对后重新填报并补充栏目截图",
    "p1.xxh.sphy.tsdm": "会前调试点名记录与省厅通报不一致，请补充各次会议的签到记录",
  };
  const openItems = fills
    .filter((f) => f.unit === returnedUnit && compiled.leafByCode.get(f.item)?.scope !== "city" && compiled.leafByCode.get(f.item)?.rule.type !== "rating")
    .sort((a, b) => Number(!(a.item in OPEN_COMMENTS)) - Number(!(b.item in OPEN_COMMENTS)))
    .slice(0, 2);
  for (const f of openItems) returns.push({ unit: returnedUnit, item: f.item, comment: OPEN_COMMENTS[f.item] ?? "请补充佐证材料后重新提交" });

  // monitoring findings (在线监测 / 日常监察) and corrections after on-site checks
  const monitoring: DemoMonitoring[] = [];
  for (const c of counties.filter(() => r() < 0.5)) {
    if (fillOf(c, "p1.xxh.sphy.tsdm")) {
      monitoring.push({ unit: c, item: "p1.xxh.sphy.tsdm", method: "在线监测", reason: "省政府视频会议会前点名记录核对", events: [{ kind: "qxcd", count: int(r, 1, 3), date: date2017(r, 9, 12), note: pick(r, MEETINGS) }] });
    }
  }
  const ldDept = depts.find((d) => fillOf(d, "p1.aq.xtaq.ld") && r() < 0.6) ?? depts[0];
  if (ldDept && fillOf(ldDept, "p1.aq.xtaq.ld")) {
    monitoring.push({ unit: ldDept, item: "p1.aq.xtaq.ld", method: "日常监察", reason: "省网络与信息安全信息通报中心2017年第42期通报", events: [{ kind: "tb", date: "2017-10-16", fixedDate: "2017-11-20", note: "门户网站SQL注入漏洞" }] });
  }
  const adjustments: DemoAdjust[] = [];
  const gs7r = compiled.leafByCode.get("p1.xxh.xypt.gs7r");
  if (gs7r && fillOf(leadFor(gs7r) ?? "", gs7r.code)) {
    adjustments.push({ unit: leadFor(gs7r)!, item: gs7r.code, method: "在线监测", reason: "抽查发现28条行政处罚记录推送省平台超过7个工作日", payload: { value: { numerator: 1102, denominator: 1200 } } });
  }
  const hyspbCounty = counties.find((c) => fillOf(c, "p1.xxh.sphy.hyspb"));
  if (hyspbCounty) {
    const base = fillOf(hyspbCounty, "p1.xxh.sphy.hyspb")!.payload.value as { events: TDeductionEvent[] };
    adjustments.push({
      unit: hyspbCounty,
      item: "p1.xxh.sphy.hyspb",
      method: "现场检查",
      reason: "现场检查：1个乡镇分会场未按要求配备高清视频会议室",
      payload: { value: { events: [...base.events, { kind: "qshys", count: 1, date: "2017-11-08", note: "现场检查发现" }] } },
    });
  }
  // ratings of rating items for every assessed unit (the reviewers' 日常监测 over the year)
  for (const f of fills) {
    const leaf = compiled.leafByCode.get(f.item)!;
    if (leaf.rule.type !== "rating") continue;
    adjustments.push({ unit: f.unit, item: f.item, method: "网上核查", reason: "年度日常监测评分", payload: { value: { score: rating(leaf, f.unit, seed, quality.get(f.unit) ?? 0.8) } } });
  }
  // a self-assessed 部门网站 score the reviewers corrected after a 市政府办 通报
  const bmwzDept = depts.find((d) => ((fillOf(d, "p2.bmwz")?.payload.value as { levels?: string[] } | undefined)?.levels ?? ["x"]).length === 0 && r() < 0.3);
  if (bmwzDept) {
    adjustments.push({ unit: bmwzDept, item: "p2.bmwz", method: "日常监察", reason: "2017年第三季度市政府办政府网站抽查通报（明政办函〔2017〕112号）", payload: { value: { levels: ["shi"] } } });
  }

  const penalties: DemoPlan["penalties"] = [];
  const p2 = compiled.parts[1];
  const penDept = depts.find(() => r() < 0.15);
  if (p2?.allowPostPenalty && penDept) penalties.push({ unit: penDept, part: p2.code, points: "2", reason: "部门网站“工作动态”栏目连续两个月未更新，被媒体曝光" });

  // nothing finalised, so every role has work to do; about a third of the units (and the
  // department account's) still wait for review, the rest are reviewed (results 暂定)
  const finalise: string[] = [];
  const reviewedUnits = submit.filter((u, i) => u === returnedUnit || (u !== awaitingUnit && i % 3 !== 2));
  const partial = compiled.parts.map((p) => ({ part: p.code, units: reviewedUnits }));
  const waiting = submit.filter((u) => !reviewedUnits.includes(u));
  const story: DemoStory = { returned: returnedUnit, awaiting: awaitingUnit, notStarted, waiting };
  return { fills, submit, returns, adjustments, monitoring, penalties, finalise, partial, story };
}
