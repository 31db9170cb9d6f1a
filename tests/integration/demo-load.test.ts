// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Demo data on an empty database: loadDemoData (the child process `npm start` will run)
// loads a complete 2017 edition through the workflow, marks it as demo data, and a second
// run changes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import { loadDemoData } from "@/lib/demo";

let fresh: { url: string }; // this file's own database (tests/setup/worker-db.ts)
let db: Db;

beforeAll(async () => {
  fresh = { url: inject("databaseUrl") };
  db = createDb(fresh.url, 2);
});
afterAll(async () => {
  await db?.close();
});

async function counts() {
  const p = db.prisma;
  const [facts, evidence, events, submissions, audit] = await Promise.all([p.itemFact.count(), p.evidence.count(), p.reviewEvent.count(), p.unitSubmission.count(), p.auditLog.count()]);
  return { facts, evidence, events, submissions, audit };
}

describe("demo data", () => {
  it("loads a reviewed-in-part 2017 edition on an empty database, marked as demo data, with work for every demo account", async () => {
    expect(await db.prisma.itemFact.count()).toBe(0);
    const logs: string[] = [];
    const r = await loadDemoData(fresh.url, (m) => logs.push(m));
    expect(r.status).toBe("loaded");
    if (r.status !== "loaded") return;
    expect(r.guide).toMatchObject({ returned: { name: "三元区", items: 2 }, awaiting: { name: "市数字办" }, notStarted: { name: expect.any(String) } });
    expect(logs.join("\n")).toMatch(/演示数据已生成/);

    const p = db.prisma;
    expect((await p.appSetting.findUnique({ where: { key: "demo_data" } }))?.value).toBe("1");
    // every department and county but one submitted; some are fully reviewed
    const subs = await p.unitSubmission.findMany({ select: { unitCode: true, status: true } });
    expect(subs).toHaveLength(43);
    expect(new Set(subs.map((s) => s.status))).toEqual(new Set(["submitted", "reviewed"]));
    // facts of both sides, one item still returned, evidence for the items
    expect(await p.itemFact.count({ where: { source: "self" } })).toBeGreaterThan(400);
    expect(await p.itemFact.count({ where: { source: "review" } })).toBeGreaterThan(90);
    const returned = await p.itemFact.findMany({ where: { status: "returned" }, select: { unitCode: true } });
    expect(returned.map((f) => f.unitCode)).toEqual(["county-sanyuan", "county-sanyuan"]);
    const ev = await p.evidence.findMany({ select: { kind: true, url: true } });
    expect(ev.length).toBeGreaterThan(400);
    expect(ev.every((e) => e.kind === "link" && e.url?.startsWith("/scorecards/"))).toBe(true);
    const actions = new Set((await p.reviewEvent.findMany({ select: { action: true } })).map((e) => e.action));
    for (const a of ["submit", "return", "resubmit", "accept", "adjust", "monitoring"]) expect(actions, a).toContain(a);
    // nothing final: every part can still be reviewed, units can still fill in
    expect(await p.resultFinalisation.count({ where: { active: true } })).toBe(0);
    // the period is open today, and every timestamp is recent (not 2018)
    const period = await p.assessmentPeriod.findFirstOrThrow();
    expect(period.opensAt.getTime()).toBeLessThan(Date.now());
    expect(period.deadline.getTime()).toBeGreaterThan(Date.now() + 7 * 86_400_000);
    const oldest = await p.unitSubmission.findFirstOrThrow({ orderBy: { submittedAt: "asc" } });
    expect(Date.now() - oldest.submittedAt!.getTime()).toBeLessThan(30 * 86_400_000);
    // the system accounts that acted cannot sign in
    const actors = await p.user.findMany({ where: { username: { startsWith: "demo-" } }, select: { disabled: true } });
    expect(actors.length).toBe(2);
    expect(actors.every((a) => a.disabled)).toBe(true);

    // the engine scores every unit completely
    process.env.DATABASE_URL = fresh.url;
    const { getEditionResults } = await import("@/lib/results/score");
    const res = (await getEditionResults())!;
    expect(res.empty).toBe(false);
    expect(res.parts.map((x) => [x.partCode, x.final])).toEqual([
      ["p1", false],
      ["p2", false],
    ]);
    const notStarted = res.result.scorecards.find((c) => c.unit.name === r.guide.notStarted?.name)!;
    expect(notStarted.complete).toBe(false);
    const assessed = res.result.scorecards.filter((c) => c.unit.group !== "city" && c !== notStarted);
    expect(assessed.every((c) => c.complete && c.overall !== null)).toBe(true);
    expect(res.result.rankings.map((x) => `${x.group}:${x.scope}`)).toEqual(["department:p1", "department:p2", "department:overall", "county:p1", "county:p2", "county:overall"]);
  }, 240_000);

  it("is idempotent: a second load is skipped and writes nothing", async () => {
    const before = await counts();
    const r = await loadDemoData(fresh.url);
    expect(r).toEqual({ status: "skipped", reason: expect.stringMatching(/已有 \d+ 条填报数据/) });
    expect(await counts()).toEqual(before);
  }, 120_000);
});
