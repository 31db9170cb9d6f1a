// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import type { SessionUser } from "@/lib/auth/session";
import type { IndicatorResult, ItemResult } from "@/lib/engine";

// Issue #14 §3 (a)(b) through lib/ as the 填报 form saves them (2017 edition, default
// readings): counties enter their 高清视频会议室 inventory, the 全市 card pools them county by
// county; 市发改委 enters how many of the 12 counties its credit data covers. Scores by hand.
let db: Db;
let editionId: number;
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let results: typeof import("@/lib/results/score");
const IP = "127.0.0.1";
const HYSPB = "p1.xxh.sphy.hyspb";
const BSFG = "p1.xxh.xypt.bsfg";
const MINGXI = "county-mingxi";
const NINGHUA = "county-ninghua";
const FGW = "dept-fgw";
const users: Record<string, SessionUser> = {};
let reviewer: SessionUser;

async function makeUser(username: string, roles: ("filler" | "reviewer")[], unitCode: string | null): Promise<SessionUser> {
  const u = await db.prisma.user.create({ data: { username, displayName: username, passwordHash: "x", roles, unitCode, mustChangePassword: false } });
  return { id: u.id, username, displayName: username, roles, unitCode, unitName: null, mustChangePassword: false };
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017" } })).id;
  await db.prisma.assessmentPeriod.upsert({
    where: { editionId },
    create: { editionId, opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) },
    update: { deadline: new Date(Date.now() + 86_400_000) },
  });
  for (const unit of [MINGXI, NINGHUA, FGW]) users[unit] = await makeUser(`inv-${unit}`, ["filler"], unit);
  reviewer = await makeUser("inv-reviewer", ["reviewer"], null);
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  results = await import("@/lib/results/score");
});
afterAll(async () => {
  await db.close();
});

async function save(unit: string, item: string, payload: unknown): Promise<ItemResult> {
  const { form } = await facts.getUnitForm(editionId, unit);
  const version = form.find((f) => f.item.leaf.code === item)?.self?.version ?? 0;
  const r = await facts.saveSelfFact(users[unit], IP, { editionId, unitCode: unit, itemCode: item, payload, expectedVersion: version });
  if (r.status !== "saved") throw new Error(`${unit} ${item}: ${r.status} ${JSON.stringify(r)}`);
  return r.result;
}
async function cityItem(code: string): Promise<ItemResult> {
  const res = (await results.getEditionResults(editionId))!;
  const card = res.result.scorecards.find((c) => c.unit.group === "city")!;
  const walk = (nodes: IndicatorResult[]): ItemResult | undefined => {
    for (const n of nodes) {
      if (n.kind === "item" && n.code === code) return n;
      if (n.kind === "node") {
        const x = walk(n.children);
        if (x) return x;
      }
    }
  };
  return walk(card.parts.flatMap((p) => p.indicators))!;
}

describe("高清视频会议室配备 as rooms per county", () => {
  it("each county saves its rooms; its card and the pooled 全市 card score county by county", async () => {
    // 明溪县 1 of 3 → 1 − 2 × 0.05 = 0.9; 宁化县 4 of 3 → 1 (its surplus offsets nothing)
    expect((await save(MINGXI, HYSPB, { value: { events: [], inventory: [{ count: 1 }] } })).score?.exact).toBe("0.9");
    expect((await save(NINGHUA, HYSPB, { value: { events: [], inventory: [{ count: 4 }] } })).score?.exact).toBe("1");
    // 全市: 2 missing (明溪县) → 0.9; pooled over the two (6 − 5 = 1) it would be 0.95
    const city = await cityItem(HYSPB);
    expect(city.score?.exact).toBe("0.9");
    expect(city.trace.join("\n")).toContain("明溪县 1 个（缺 2）、宁化县 4 个");
  });

  it("a monitoring finding appended by the reviewer keeps the county's inventory: 2 + 1 missing → 0.85", async () => {
    const mon = await review.recordMonitoringEvents(reviewer, IP, {
      editionId, unitCode: MINGXI, itemCode: HYSPB, method: "现场检查", reason: "现场检查：另一间会议室未建成",
      events: [{ kind: "qshys", count: 1, date: "2017-06-15" }],
    });
    expect(mon.result.score?.exact).toBe("0.85");
    const stored = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: MINGXI, itemCode: HYSPB, source: "review" } });
    expect((stored.payload as { value: { inventory?: unknown } }).value.inventory).toEqual([{ count: 1 }]);
  });

  it("a name that is not a county is refused with a Chinese message and nothing is saved", async () => {
    const before = await db.prisma.itemFact.findFirst({ where: { editionId, unitCode: NINGHUA, itemCode: HYSPB, source: "self" } });
    const { form } = await facts.getUnitForm(editionId, NINGHUA);
    const version = form.find((f) => f.item.leaf.code === HYSPB)?.self?.version ?? 0;
    const err = await facts
      .saveSelfFact(users[NINGHUA], IP, { editionId, unitCode: NINGHUA, itemCode: HYSPB, payload: { value: { events: [], inventory: [{ unit: "宁化乡", count: 3 }] } }, expectedVersion: version })
      .then(() => null, (e: unknown) => e as Error & Record<string, unknown>);
    expect(err?.message).toBe("填写内容有误，请检查标出的字段");
    expect(JSON.stringify({ ...err })).toContain("“宁化乡”不是本考核年度的县（市、区）");
    const after = await db.prisma.itemFact.findFirst({ where: { editionId, unitCode: NINGHUA, itemCode: HYSPB, source: "self" } });
    expect(after?.payload).toEqual(before?.payload);
  });
});

describe("信用数据报送覆盖 with k of 12 counties", () => {
  it("the lead department saves 28 departments and 10 of 12 counties: the precondition is unmet → 0; all 12 → 5 × 28 ÷ 30 = 14/3", async () => {
    // the form sends the unticked precondition as false; the covered count answers it instead
    const zero = await save(FGW, BSFG, { value: { numerator: 28, covered: 10 }, conditions: { fgxq: false } });
    expect(zero.score?.exact).toBe("0");
    expect(zero.trace.join("\n")).toContain("报送数据已覆盖的县（市、区）数 10 / 12：未全部覆盖");
    const full = await save(FGW, BSFG, { value: { numerator: 28, covered: 12 }, conditions: { fgxq: false } });
    expect(full.score?.exact).toBe("14/3");
    expect((await cityItem(BSFG)).score?.exact).toBe("14/3");
  });
});
