// Loads a synthetic dataset into PostgreSQL through the app's own paths: the edition via
// the importer, every fact through the engine's validator, then bulk inserts (bulk
// loading is the point here), with submissions, evidence metadata and review history.
import { validateScoringInput } from "../engine";
import type { Db } from "../db/prisma";
import { importEdition } from "../rules/import";
import type { TEdition } from "../rules/schema";
import { prng, syntheticDataset } from "./generate";

export type GenResult = { editionId: number; editionKey: string; units: number; facts: number; evidence: number; ms: number };

export async function loadSynthetic(db: Db, base: TEdition, n: number, opts: { seed?: number; log?: (m: string) => void } = {}): Promise<GenResult> {
  const log = opts.log ?? (() => {});
  const t0 = Date.now();
  const { edition, compiled, facts } = syntheticDataset(base, n, opts.seed);
  const v = validateScoringInput(compiled, { edition: edition.id, facts });
  if (!v.ok) throw new Error(`生成的数据未通过校验：${v.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join("；")}`);
  const imported = await importEdition(db.prisma, edition, async () => true);
  const row = await db.prisma.edition.findFirstOrThrow({ where: { key: edition.id, version: imported.version }, select: { id: true } });
  const editionId = row.id;
  if ((await db.prisma.itemFact.count({ where: { editionId } })) > 0) {
    log(`[gen] ${edition.id} 已有数据，跳过`);
    return { editionId, editionKey: edition.id, units: n, facts: 0, evidence: 0, ms: Date.now() - t0 };
  }
  const now = new Date("2017-12-20T10:00:00+08:00");
  await db.prisma.assessmentPeriod.upsert({
    where: { editionId },
    create: { editionId, opensAt: new Date("2017-11-01T00:00:00+08:00"), deadline: new Date("2099-12-31T23:59:59+08:00") },
    update: {},
  });
  const r = prng((opts.seed ?? 2017) + 1);
  const chunk = <T>(xs: T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, i * size + size));
  for (const part of chunk(v.input.facts, 2000)) {
    await db.prisma.itemFact.createMany({
      data: part.map((f) => {
        const { unit, item, source, ...payload } = f;
        return { editionId, unitCode: unit, itemCode: item, source, payload: JSON.parse(JSON.stringify(payload)), status: source === "review" ? "reviewed" : r.chance(0.7) ? "submitted" : "draft", updatedAt: now };
      }),
    });
  }
  const unitCodes = compiled.units.filter((u) => u.group !== "city").map((u) => u.code);
  await db.prisma.unitSubmission.createMany({
    data: unitCodes.map((u) => ({ editionId, unitCode: u, status: r.chance(0.8) ? ("submitted" as const) : ("draft" as const), round: 1, submittedAt: now, updatedAt: now })),
  });
  const evidence = v.input.facts
    .filter((f) => f.source === "self" && r.chance(0.5))
    .map((f, i) => ({
      id: `00000000-0000-4000-8000-${String(editionId).padStart(4, "0")}${String(i).padStart(8, "0")}`,
      editionId,
      unitCode: f.unit,
      itemCode: f.item,
      kind: "link" as const,
      url: `https://www.sm.gov.cn/zw/evidence/${f.unit}/${f.item}`,
      title: "佐证材料（模拟）",
      coversFrom: new Date("2017-01-01"),
      coversTo: new Date("2017-12-31"),
      uploadedAt: now,
    }));
  for (const part of chunk(evidence, 2000)) await db.prisma.evidence.createMany({ data: part });
  const reviewed = v.input.facts.filter((f) => f.source === "review");
  for (const part of chunk(reviewed, 2000)) {
    await db.prisma.reviewEvent.createMany({ data: part.map((f) => ({ editionId, unitCode: f.unit, itemCode: f.item, round: 1, action: "adjust", method: "网上核查", comment: "模拟审核调整", at: now })) });
  }
  const res = { editionId, editionKey: edition.id, units: n, facts: v.input.facts.length, evidence: evidence.length, ms: Date.now() - t0 };
  log(`[gen] ${edition.id}: ${n} 个单位，${res.facts} 条事实，${res.evidence} 条佐证材料，用时 ${res.ms} ms`);
  return res;
}
