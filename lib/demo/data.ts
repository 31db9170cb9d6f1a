// The demo file of an edition (edition.yaml `demo:`, e.g. rules/sanming-2017/demo.yaml):
// what the generated demo cannot derive from the rules — city-level facts as the city
// had them, realistic notes and reasons, and the reviewers' story. Parsed here and checked
// against the compiled edition, so a code that is not in the rules is a clear error.
import { z } from "zod";
import type { CompiledEdition } from "../engine/compile";
import { walkIndicators } from "../rules/resolve";
import { ZMethod } from "../rules/schema";

const ZPayload = z.record(z.string(), z.unknown());
const ZGroup = z.enum(["department", "county"]);
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 2017-10-16");
const ZEvent = z.object({ kind: z.string(), count: z.number().int().positive().optional(), date: ZDay.optional(), fixedDate: ZDay.nullable().optional(), note: z.string().optional() }).strict();
const ZPick = { group: ZGroup.optional(), pick: z.enum(["one", "all"]).default("one"), share: z.number().min(0).max(1).default(1) };

export const ZDemoFile = z
  .object({
    accounts: z.object({ returned: z.string(), awaiting: z.string() }).strict().optional(),
    cityFacts: z.record(z.string(), ZPayload).default({}),
    eventNotes: z.record(z.string(), z.object({ perLine: z.boolean().default(false), notes: z.array(z.string()).min(1) }).strict()).default({}),
    modifiers: z.record(z.string(), z.record(z.string(), z.object({ chance: z.number().min(0).max(1), reasons: z.array(z.string()).min(1) }).strict())).default({}),
    review: z
      .object({
        fixedReturns: z
          .array(
            z
              .object({ item: z.string(), group: ZGroup.optional(), comment: z.string(), whenLevel: z.string().optional(), fix: z.object({ month: z.number().int().positive(), minus: z.number().int().positive() }).strict().optional() })
              .strict(),
          )
          .default([]),
        openComments: z.record(z.string(), z.string()).default({}),
        monitoring: z
          .array(
            z
              .object({
                item: z.string(),
                ...ZPick,
                method: ZMethod,
                reason: z.string(),
                event: ZEvent.omit({ count: true })
                  .extend({ count: z.union([z.number().int().positive(), z.tuple([z.number().int().positive(), z.number().int().positive()])]).optional(), months: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional(), notesFrom: z.string().optional() })
                  .strict(),
              })
              .strict(),
          )
          .default([]),
        adjustments: z
          .array(
            z
              .object({ item: z.string(), ...ZPick, chance: z.number().min(0).max(1).optional(), whenNoLevel: z.boolean().optional(), method: ZMethod, reason: z.string(), payload: ZPayload.optional(), addEvents: z.array(ZEvent).optional() })
              .strict(),
          )
          .default([]),
        penalties: z.array(z.object({ part: z.string(), group: ZGroup.optional(), chance: z.number().min(0).max(1).default(1), points: z.string(), reason: z.string() }).strict()).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TDemoFile = z.infer<typeof ZDemoFile>;

/** The edition's demo file, checked against its rules; an empty one when it has none. */
export function demoDataOf(compiled: CompiledEdition): TDemoFile {
  const raw = compiled.edition.demo;
  const parsed = ZDemoFile.safeParse(raw ?? {});
  if (!parsed.success) throw new Error(`演示数据文件有误：${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("；")}`);
  const d = parsed.data;
  const indicators = new Set(compiled.edition.parts.flatMap((p) => [...walkIndicators(p.indicators)].map((w) => w.node.code)));
  const problems: string[] = [];
  const item = (code: string, where: string) => {
    if (!indicators.has(code)) problems.push(`${where}：没有指标 ${code}`);
  };
  for (const c of Object.keys(d.cityFacts)) item(c, "cityFacts");
  for (const c of Object.keys(d.eventNotes)) item(c, "eventNotes");
  for (const [c, mods] of Object.entries(d.modifiers)) {
    item(c, "modifiers");
    for (const m of Object.keys(mods)) if (compiled.leafByCode.has(c) && !compiled.leafByCode.get(c)!.modifiers.has(m)) problems.push(`modifiers.${c}：没有加减分项 ${m}`);
  }
  const r = d.review;
  if (r) {
    for (const x of [...r.fixedReturns, ...r.monitoring, ...r.adjustments]) item(x.item, "review");
    for (const c of Object.keys(r.openComments)) item(c, "review.openComments");
    for (const p of r.penalties) if (!compiled.partByCode.has(p.part)) problems.push(`review.penalties：没有考核部分 ${p.part}`);
  }
  if (problems.length) throw new Error(`演示数据文件与指标体系不符：${problems.join("；")}`);
  return d;
}
