import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createDb, type Db } from "@/lib/db/prisma";
import { createFreshDatabase } from "../setup/pg";
import { editionChecksum, importEdition } from "@/lib/rules/import";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { walkIndicators, walkColumns } from "@/lib/rules/resolve";
import type { TEdition } from "@/lib/rules/schema";

let db: Db;
let edition: TEdition;
let drop: () => Promise<void>;

// a database of its own: these tests count what one import creates
beforeAll(async () => {
  const fresh = await createFreshDatabase(inject("adminUrl"), "egov_import");
  drop = fresh.drop;
  await migrate(fresh.url);
  db = createDb(fresh.url, 2);
  edition = loadEditionOrThrow("rules/sanming-2017");
});
afterAll(async () => {
  await db.close();
  await drop();
});

const counts = async () => ({
  editions: await db.prisma.edition.count(),
  indicators: await db.prisma.indicator.count(),
  columns: await db.prisma.websiteColumn.count(),
  units: await db.prisma.unit.count(),
});

describe("importing an edition into PostgreSQL", () => {
  it("imports every indicator, column and unit, and a second import changes nothing", async () => {
    const first = await importEdition(db.prisma, edition);
    expect(first).toEqual({ key: "sanming-2017", version: 1, action: "created" });
    const after1 = await counts();
    const nIndicators = edition.parts.reduce((n, p) => n + [...walkIndicators(p.indicators)].length, 0);
    const nColumns = edition.parts.reduce((n, p) => n + [...walkColumns(p.columns ?? [])].length, 0);
    expect(after1).toEqual({ editions: 1, indicators: nIndicators, columns: nColumns, units: edition.units.length });

    const second = await importEdition(db.prisma, edition);
    expect(second.action).toBe("unchanged");
    expect(await counts()).toEqual(after1);
  });

  it("a changed edition replaces the version nobody has used yet", async () => {
    const changed = structuredClone(edition);
    changed.name = edition.name + "（修订）";
    const out = await importEdition(db.prisma, changed);
    expect(out).toEqual({ key: "sanming-2017", version: 1, action: "replaced" });
    expect(await db.prisma.edition.count()).toBe(1);
    // back to the original for the next test
    expect((await importEdition(db.prisma, edition)).action).toBe("replaced");
  });

  it("a changed edition that already has submissions becomes a new version; the one in use is not mutated", async () => {
    const inUse = await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } });
    const changed = structuredClone(edition);
    changed.parts[0].name = "综合应用（2017修订）";
    const out = await importEdition(db.prisma, changed, async () => true);
    expect(out).toEqual({ key: "sanming-2017", version: 2, action: "new-version" });
    const old = await db.prisma.edition.findUniqueOrThrow({ where: { id: inUse.id } });
    expect(old.checksum).toBe(editionChecksum(edition));
    expect(old.current).toBe(false);
    expect((old.data as unknown as TEdition).parts[0].name).toBe(edition.parts[0].name);
    const current = await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } });
    expect(current.version).toBe(2);
  });

  it("the year's work follows the new version: facts and the period entered against v2 are read under v3", async () => {
    // an upgrade that changes the edition's files (e.g. new edition.yaml fields) must not strand
    // what the units and reviewers entered: it moves to the version that is now current
    const v2 = await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } });
    const unit = edition.units.find((u) => u.group === "department")!;
    await db.prisma.itemFact.create({ data: { editionId: v2.id, unitCode: unit.code, itemCode: "x.carry", source: "self", payload: { value: 1 } } });
    await db.prisma.assessmentPeriod.create({ data: { editionId: v2.id, opensAt: new Date("2017-01-01"), deadline: new Date("2018-01-31") } });
    const changed = structuredClone(edition);
    changed.parts[0].name = "综合应用（2017第三版）";
    const out = await importEdition(db.prisma, changed);
    expect(out).toEqual({ key: "sanming-2017", version: 3, action: "new-version" });
    const v3 = await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } });
    expect(v3.version).toBe(3);
    expect(await db.prisma.itemFact.count({ where: { editionId: v3.id, itemCode: "x.carry" } })).toBe(1);
    expect(await db.prisma.itemFact.count({ where: { editionId: v2.id } })).toBe(0);
    expect(await db.prisma.assessmentPeriod.count({ where: { editionId: v3.id } })).toBe(1);
    // v2 keeps its rules and its indicator rows (history), only the work moved
    expect(await db.prisma.indicator.count({ where: { editionId: v2.id } })).toBeGreaterThan(0);
  });

  it("a file import never deletes or replaces an administrator's unpublished draft of the same key", async () => {
    const draft = structuredClone(edition);
    draft.id = "draft-carry-test";
    draft.name = "草稿";
    const row = await db.prisma.edition.create({
      data: { key: draft.id, version: 1, name: draft.name, year: draft.year, checksum: "draft:test", data: JSON.parse(JSON.stringify(draft)), current: false, status: "draft" },
    });
    const files = structuredClone(draft);
    files.name = "文件导入";
    const out = await importEdition(db.prisma, files);
    expect(out.action).toBe("created");
    expect(out.version).toBe(2);
    const kept = await db.prisma.edition.findUniqueOrThrow({ where: { id: row.id } });
    expect(kept.status).toBe("draft");
    expect(kept.name).toBe("草稿");
  });

  it("never overwrites a unit an admin renamed", async () => {
    const unit = edition.units.find((u) => u.group === "county")!;
    await db.prisma.unit.update({ where: { code: unit.code }, data: { name: unit.name + "（新名）" } });
    const changed = structuredClone(edition);
    changed.year = 2017;
    changed.name = "再导入";
    await importEdition(db.prisma, changed, async () => true);
    expect((await db.prisma.unit.findUniqueOrThrow({ where: { code: unit.code } })).name).toBe(unit.name + "（新名）");
  });
});
