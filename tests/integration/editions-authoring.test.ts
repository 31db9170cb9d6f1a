// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// 考核版本 against a real PostgreSQL: 复制为新年度 makes a draft that is not assessed, saves
// are validated, revision-checked and audited, 发布 makes it current and immutable, and a
// published edition with facts is superseded by a new version only.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { TEdition } from "@/lib/rules/schema";

process.env.DATABASE_URL = inject("databaseUrl");
const { copyEditionAction, saveDraftAction, publishDraftAction, newVersionAction, deleteDraftAction } = await import("@/app/editions/actions");
const { runAs } = await import("@/lib/auth/guard");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { listEditionSummaries, getEditionRow } = await import("@/lib/authoring/store");
const { listEditions } = await import("@/lib/editions");

const prisma = getPrisma();
let admin: SessionUser;
let sourceId: number;
const KEY = "ea-test-2031"; // a key and year no other test uses

beforeAll(async () => {
  const row = await prisma.user.create({ data: { username: "ea-admin", displayName: "版本管理员", passwordHash: "x", roles: ["admin"], mustChangePassword: false } });
  admin = { id: row.id, username: row.username, displayName: row.displayName, roles: ["admin"], unitCode: null, unitName: null, mustChangePassword: false };
  sourceId = (await prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
});
afterAll(async () => {
  // leave no current edition of a later year behind for other files
  const ids = (await prisma.edition.findMany({ where: { key: { startsWith: "ea-test" } }, select: { id: true } })).map((r) => r.id);
  await prisma.itemFact.deleteMany({ where: { editionId: { in: ids } } });
  await prisma.resultFinalisation.deleteMany({ where: { editionId: { in: ids } } });
  await prisma.indicator.deleteMany({ where: { editionId: { in: ids } } });
  await prisma.websiteColumn.deleteMany({ where: { editionId: { in: ids } } });
  await prisma.edition.deleteMany({ where: { id: { in: ids } } });
  await getDb().close();
});

const as = <T>(fn: () => Promise<T>) => runAs(admin, fn);

describe("edition drafts", () => {
  let draftId: number;

  it("复制为新年度 makes a draft with the new key and year, listed as 草稿 and not assessed", async () => {
    const r = await as(() => copyEditionAction({ sourceId, key: KEY, year: 2031, name: "2031年度测试考核" }));
    expect(r).toMatchObject({ ok: true });
    draftId = (r as { data: { id: number } }).data.id;
    const row = await getEditionRow(draftId);
    expect(row).toMatchObject({ key: KEY, year: 2031, status: "draft", revision: 0, sourceEditionId: sourceId });
    expect(row!.edition.id).toBe(KEY);
    // 沿用上年指标: the copy continues the edition it was copied from, items by code until the editor says otherwise
    expect(row!.edition.previous).toEqual({ edition: (await getEditionRow(sourceId))!.key });
    const listed = (await listEditionSummaries()).find((e) => e.id === draftId)!;
    expect(listed).toMatchObject({ status: "draft", current: false, units: row!.edition.units.length });
    expect(listed.leaves).toBeGreaterThan(30);
    expect((await listEditions()).map((e) => e.id)).not.toContain(draftId);
    expect(await prisma.auditLog.count({ where: { action: "edition.copy", entityId: String(draftId) } })).toBe(1);
    const again = await as(() => copyEditionAction({ sourceId, key: KEY, year: 2031, name: "x" }));
    expect(again).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("已被使用") });
  });

  it("a save that does not validate is refused with the validator's Chinese message, nothing saved", async () => {
    const row = (await getEditionRow(draftId))!;
    const bad: TEdition = structuredClone(row.edition);
    bad.parts[0].indicators[0].children![0].max = "999";
    const r = await as(() => saveDraftAction({ id: draftId, expectedRevision: 0, data: bad }));
    expect(r).toMatchObject({ ok: false, status: 400, error: expect.stringContaining("超过上级指标") });
    expect((await getEditionRow(draftId))!.revision).toBe(0);
  });

  it("a valid save bumps the revision and is audited with what changed; a stale revision gets the conflict", async () => {
    const row = (await getEditionRow(draftId))!;
    const next: TEdition = structuredClone(row.edition);
    next.name = "2031年度测试考核（修订）";
    const leaf = next.parts[0].indicators[0].children![0];
    leaf.name = `${leaf.name}（改）`;
    const r = await as(() => saveDraftAction({ id: draftId, expectedRevision: 0, data: next }));
    expect(r).toEqual({ ok: true, data: { saved: true, revision: 1 } });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "edition.draft.save", entityId: String(draftId) } });
    expect(JSON.stringify(audit.after)).toContain("（改）");
    const stale = await as(() => saveDraftAction({ id: draftId, expectedRevision: 0, data: row.edition }));
    expect(stale).toMatchObject({ ok: true, data: { saved: false, conflict: { revision: 1 } } });
    expect((await getEditionRow(draftId))!.edition.name).toBe("2031年度测试考核（修订）");
  });

  it("发布 makes it current with its indicator rows; then it is immutable", async () => {
    const r = await as(() => publishDraftAction({ id: draftId, expectedRevision: 1 }));
    expect(r).toEqual({ ok: true, data: { id: draftId, version: 1 } });
    const row = await prisma.edition.findUniqueOrThrow({ where: { id: draftId } });
    expect(row).toMatchObject({ status: "published", current: true });
    expect(row.checksum).not.toMatch(/^draft:/);
    expect(await prisma.auditLog.count({ where: { action: "edition.publish", entityId: String(draftId) } })).toBe(1);
    expect(await prisma.indicator.count({ where: { editionId: draftId } })).toBeGreaterThan(30);
    const save = await as(() => saveDraftAction({ id: draftId, expectedRevision: 1, data: row.data }));
    expect(save).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("已发布") });
    expect(await as(() => deleteDraftAction({ id: draftId, expectedRevision: 1 }))).toMatchObject({ ok: false, status: 409 });
    expect((await listEditionSummaries()).find((e) => e.id === draftId)?.status).toBe("published");
  });

  it("a published edition with facts is superseded by a new version (a draft of the next version), never edited", async () => {
    await prisma.unit.upsert({ where: { code: "dept-szb" }, update: {}, create: { code: "dept-szb", name: "市数字办", group: "department" } });
    const leaf = await prisma.indicator.findFirstOrThrow({ where: { editionId: draftId, isLeaf: true }, select: { code: true } });
    await prisma.itemFact.create({ data: { editionId: draftId, unitCode: "dept-szb", itemCode: leaf.code, source: "self", payload: {} } as never });
    expect((await listEditionSummaries()).find((e) => e.id === draftId)?.status).toBe("active");
    const nv = await as(() => newVersionAction({ editionId: draftId }));
    expect(nv).toMatchObject({ ok: true });
    const v2 = (await getEditionRow((nv as { data: { id: number } }).data.id))!;
    expect(v2).toMatchObject({ key: KEY, version: 2, status: "draft", sourceEditionId: draftId });
    expect(await prisma.auditLog.count({ where: { action: "edition.newVersion", entityId: String(v2.id) } })).toBe(1);
    expect(await as(() => newVersionAction({ editionId: draftId }))).toMatchObject({ ok: false, status: 409 });
    // publishing unchanged content is refused; a changed one supersedes v1
    expect(await as(() => publishDraftAction({ id: v2.id, expectedRevision: 0 }))).toMatchObject({ ok: false, status: 409, error: expect.stringContaining("完全相同") });
    const changed = structuredClone(v2.edition);
    changed.name = "2031年度测试考核（第二版）";
    expect(await as(() => saveDraftAction({ id: v2.id, expectedRevision: 0, data: changed }))).toMatchObject({ ok: true, data: { saved: true } });
    expect(await as(() => publishDraftAction({ id: v2.id, expectedRevision: 1 }))).toMatchObject({ ok: true, data: { version: 2 } });
    const rows = await prisma.edition.findMany({ where: { key: KEY }, orderBy: { version: "asc" }, select: { version: true, current: true } });
    expect(rows).toEqual([{ version: 1, current: false }, { version: 2, current: true }]);
  });

  it("a draft that is not wanted is deleted, audited with what it was", async () => {
    const r = await as(() => copyEditionAction({ sourceId, key: `${KEY}-x`, year: 2032, name: "不要的草稿" }));
    const id = (r as { data: { id: number } }).data.id;
    expect(await as(() => deleteDraftAction({ id, expectedRevision: 0 }))).toEqual({ ok: true, data: { deleted: true } });
    expect(await getEditionRow(id)).toBeNull();
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "edition.draft.delete", entityId: String(id) } });
    expect(audit.before).toMatchObject({ key: `${KEY}-x`, version: 1 });
  });

  it("进行中 until every part is finalised, then 已定稿; a reopened part makes it 进行中 again", async () => {
    const v2 = await prisma.edition.findFirstOrThrow({ where: { key: KEY, current: true }, select: { id: true, data: true } });
    const status = async () => (await listEditionSummaries()).find((e) => e.id === v2.id)?.status;
    expect(await status()).toBe("active"); // the year's facts came with the new version
    const parts = (v2.data as unknown as TEdition).parts.map((p) => p.code);
    expect(parts).toHaveLength(2);
    await prisma.resultFinalisation.create({ data: { editionId: v2.id, partCode: parts[0] } });
    expect(await status()).toBe("active");
    const last = await prisma.resultFinalisation.create({ data: { editionId: v2.id, partCode: parts[1] } });
    expect(await status()).toBe("final");
    await prisma.resultFinalisation.update({ where: { id: last.id }, data: { active: false, reopenedAt: new Date(), reopenReason: "复核" } });
    expect(await status()).toBe("active");
  });
});
