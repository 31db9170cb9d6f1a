// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// 复制为新年度 on real PostgreSQL: the draft of a later year carries the source's demo data
// moved to its own year (lib/authoring/copy.ts), and the source edition is left as it was.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { copyEditionAsDraft, getEditionRow } = await import("@/lib/authoring/store");

const prisma = getPrisma();
const days = (v: unknown) => JSON.stringify(v).match(/\d{4}-\d{2}-\d{2}/g) ?? [];
let sourceId: number;
let actor: { user: { id: number; username: string }; ip: string };

beforeAll(async () => {
  const u = await prisma.user.create({ data: { username: "copy-admin", displayName: "版本管理员", passwordHash: "x", roles: ["admin"], mustChangePassword: false } });
  actor = { user: { id: u.id, username: u.username }, ip: "127.0.0.1" };
  sourceId = (await prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
});
afterAll(async () => getDb().close());

describe("复制为新年度 and the source's dates", () => {
  it("a 2020 copy's demo dates are 2020's (29 February aside, same day and month); the source keeps 2017's", async () => {
    const { id } = await copyEditionAsDraft({ sourceId, key: "copy-dates-2020", year: 2020, name: "2020年度测试考核" }, actor);
    const copy = (await getEditionRow(id))!.edition;
    const source = (await getEditionRow(sourceId))!.edition;
    expect(days(source.demo).length).toBeGreaterThan(3);
    expect(days(source.demo).every((d) => d.startsWith("2017-"))).toBe(true);
    expect(days(copy.demo)).toEqual(days(source.demo).map((d) => d.replace(/^2017/, "2020")));
    expect((copy.demo as { cityFacts: Record<string, { value: { date?: string } }> }).cityFacts["p1.xxh.sjzx"].value.date).toBe("2020-06-20");
    // working-day deadlines are rules, not dates: copied as they are
    expect(copy.deadlines).toEqual(source.deadlines);
  });
});
