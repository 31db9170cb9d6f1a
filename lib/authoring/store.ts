import "server-only";
// Edition rows as the office sees them: list with status and counts, 复制为新年度 (a draft
// copy), draft saves (validated, revision-checked, audited), 发布 (immutable from then on)
// and 新版本 (a draft that supersedes a published edition that has facts).
import { randomUUID } from "node:crypto";
import { UserError } from "../auth/guard";
import { writeAudit } from "../audit";
import { getPrisma } from "../db/client";
import { carryYearWork, editionChecksum, insertEditionTree } from "../rules/import";
import { isLeaf, walkIndicators } from "../rules/resolve";
import type { TEdition } from "../rules/schema";
import { formatIssue } from "../rules/validate";
import { moveToYear } from "./copy";
import { diffEditions } from "./diff";
import { checkEditionData, type EditionDisplayStatus } from "./schema";

export type Actor = { user: { id: number; username: string }; ip: string };

export type EditionSummary = {
  id: number;
  key: string;
  version: number;
  name: string;
  year: number;
  status: EditionDisplayStatus;
  current: boolean;
  units: number;
  items: number;
  leaves: number;
  facts: number;
  sourceEditionId: number | null;
};

export function countItems(e: TEdition): { items: number; leaves: number } {
  let items = 0;
  let leaves = 0;
  for (const p of e.parts) {
    for (const { node } of walkIndicators(p.indicators)) {
      items++;
      if (isLeaf(node)) leaves++;
    }
  }
  return { items, leaves };
}

export async function listEditionSummaries(): Promise<EditionSummary[]> {
  const prisma = getPrisma();
  const rows = await prisma.edition.findMany({
    select: { id: true, key: true, version: true, name: true, year: true, status: true, current: true, data: true, sourceEditionId: true },
    orderBy: [{ year: "desc" }, { key: "asc" }, { version: "desc" }],
  });
  const facts = await prisma.itemFact.groupBy({ by: ["editionId"], _count: { _all: true } });
  const finals = await prisma.resultFinalisation.groupBy({ by: ["editionId"], where: { active: true }, _count: { _all: true } });
  return rows.map((r) => {
    const e = r.data as unknown as TEdition;
    const nFacts = facts.find((f) => f.editionId === r.id)?._count._all ?? 0;
    const nFinal = finals.find((f) => f.editionId === r.id)?._count._all ?? 0;
    const status: EditionDisplayStatus =
      r.status === "draft" ? "draft" : nFinal > 0 && nFinal >= e.parts.length ? "final" : nFacts > 0 ? "active" : "published";
    return {
      id: r.id,
      key: r.key,
      version: r.version,
      name: r.name,
      year: r.year,
      status,
      current: r.current,
      units: e.units.length,
      ...countItems(e),
      facts: nFacts,
      sourceEditionId: r.sourceEditionId,
    };
  });
}

export type EditionRow = {
  id: number;
  key: string;
  version: number;
  name: string;
  year: number;
  status: "draft" | "published";
  revision: number;
  sourceEditionId: number | null;
  edition: TEdition;
};

export async function getEditionRow(id: number): Promise<EditionRow | null> {
  const r = await getPrisma().edition.findUnique({
    where: { id },
    select: { id: true, key: true, version: true, name: true, year: true, status: true, revision: true, sourceEditionId: true, data: true },
  });
  if (!r) return null;
  return { ...r, status: r.status === "draft" ? "draft" : "published", edition: r.data as unknown as TEdition };
}

const json = (e: TEdition) => JSON.parse(JSON.stringify(e));

function invalid(errors: ReturnType<typeof checkEditionData> & { ok: false }): UserError {
  return new UserError(`规则校验未通过：${errors.errors.slice(0, 5).map(formatIssue).join("；")}${errors.errors.length > 5 ? ` 等 ${errors.errors.length} 处` : ""}`, 400);
}

/** 复制为新年度: a draft copy of any edition under a new key and year. */
export async function copyEditionAsDraft(input: { sourceId: number; key: string; year: number; name: string }, actor: Actor): Promise<{ id: number }> {
  const prisma = getPrisma();
  const source = await getEditionRow(input.sourceId);
  if (!source) throw new UserError("找不到要复制的版本", 404);
  // the copy continues its source (沿用上年指标): items map by code until the editor says otherwise
  // its dated data (the demo's) moves to the new year (lib/authoring/copy.ts)
  const data: TEdition = { ...moveToYear(structuredClone(source.edition), input.year), id: input.key, year: input.year, name: input.name, previous: { edition: source.key } };
  const check = checkEditionData(data);
  if (!check.ok) throw invalid(check);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"edition:" + input.key}))`;
    if (await tx.edition.findFirst({ where: { key: input.key }, select: { id: true } })) {
      throw new UserError(`版本代码“${input.key}”已被使用，请换一个`, 409, { key: "版本代码已被使用" });
    }
    const row = await tx.edition.create({
      data: { key: input.key, version: 1, name: input.name, year: input.year, checksum: `draft:${randomUUID()}`, data: json(data), current: false, status: "draft", sourceEditionId: source.id },
      select: { id: true },
    });
    await writeAudit(tx, { actor: actor.user, ip: actor.ip, action: "edition.copy", entityType: "edition", entityId: row.id, editionId: row.id, after: { from: `${source.key} v${source.version}`, key: input.key, year: input.year, name: input.name } });
    return row;
  });
}

/** 新版本: a draft with the same key and the next version, to supersede a published edition. */
export async function newVersionDraft(input: { editionId: number }, actor: Actor): Promise<{ id: number }> {
  const prisma = getPrisma();
  const source = await getEditionRow(input.editionId);
  if (!source) throw new UserError("找不到该版本", 404);
  if (source.status !== "published") throw new UserError("草稿可直接编辑，无需新建版本", 409);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"edition:" + source.key}))`;
    const open = await tx.edition.findFirst({ where: { key: source.key, status: "draft" }, select: { id: true, version: true } });
    if (open) throw new UserError(`“${source.key}”已有未发布的草稿（第${open.version}版），请先编辑或发布它`, 409);
    const latest = await tx.edition.findFirst({ where: { key: source.key }, orderBy: { version: "desc" }, select: { version: true } });
    const row = await tx.edition.create({
      data: { key: source.key, version: (latest?.version ?? source.version) + 1, name: source.name, year: source.year, checksum: `draft:${randomUUID()}`, data: json(source.edition), current: false, status: "draft", sourceEditionId: source.id },
      select: { id: true },
    });
    await writeAudit(tx, { actor: actor.user, ip: actor.ip, action: "edition.newVersion", entityType: "edition", entityId: row.id, editionId: row.id, after: { from: `${source.key} v${source.version}` } });
    return row;
  });
}

export class DraftConflict extends UserError {
  constructor(readonly current: { revision: number; edition: TEdition }) {
    super("该草稿已被他人修改：请查看对方的版本后再决定是否覆盖", 409);
  }
}

async function lockDraft(tx: Parameters<Parameters<ReturnType<typeof getPrisma>["$transaction"]>[0]>[0], id: number) {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM edition WHERE id = ${id} FOR UPDATE`;
  if (rows.length === 0) throw new UserError("找不到该版本", 404);
  const row = await tx.edition.findUniqueOrThrow({ where: { id }, select: { key: true, version: true, status: true, revision: true, data: true, sourceEditionId: true } });
  if (row.status !== "draft") throw new UserError("该版本已发布，不能修改；如需更改请新建版本", 409);
  return row;
}

/** Save a whole draft: validated by the rules validator, revision-checked, audited with a diff. */
export async function saveDraft(input: { id: number; expectedRevision: number; data: unknown }, actor: Actor): Promise<{ revision: number }> {
  const check = checkEditionData(input.data);
  if (!check.ok) throw invalid(check);
  return getPrisma().$transaction(async (tx) => {
    const row = await lockDraft(tx, input.id);
    if (row.revision !== input.expectedRevision) throw new DraftConflict({ revision: row.revision, edition: row.data as unknown as TEdition });
    if (check.edition.id !== row.key) throw new UserError(`版本代码不能修改（应为“${row.key}”）`, 400, { id: "版本代码不能修改" });
    const before = row.data as unknown as TEdition;
    const d = diffEditions(before, check.edition);
    const revision = row.revision + 1;
    await tx.edition.update({ where: { id: input.id }, data: { data: json(check.edition), name: check.edition.name, year: check.edition.year, revision } });
    await writeAudit(tx, {
      actor: actor.user,
      ip: actor.ip,
      action: "edition.draft.save",
      entityType: "edition",
      entityId: input.id,
      editionId: input.id,
      before: { revision: row.revision },
      after: { revision, added: d.added.map((x) => x.code), removed: d.removed.map((x) => x.code), changed: d.changed, units: [...d.unitsAdded, ...d.unitsRemoved, ...d.unitsRenamed], edition: d.edition },
    });
    return { revision };
  });
}

/** 发布: the draft becomes the key's current version, immutable, with its indicator rows. */
export async function publishDraft(input: { id: number; expectedRevision: number }, actor: Actor): Promise<{ id: number; version: number }> {
  return getPrisma().$transaction(
    async (tx) => {
      const row = await lockDraft(tx, input.id);
      if (row.revision !== input.expectedRevision) throw new DraftConflict({ revision: row.revision, edition: row.data as unknown as TEdition });
      const check = checkEditionData(row.data);
      if (!check.ok) throw invalid(check);
      const edition = check.edition;
      const checksum = editionChecksum(edition);
      const same = await tx.edition.findUnique({ where: { key_checksum: { key: row.key, checksum } }, select: { version: true } });
      if (same) throw new UserError(`内容与已发布的第${same.version}版完全相同，无需发布`, 409);
      await tx.unit.createMany({ data: edition.units.map((u) => ({ code: u.code, name: u.name, group: u.group, aliases: u.aliases })), skipDuplicates: true });
      const superseded = await tx.edition.findFirst({ where: { key: row.key, current: true, status: "published", NOT: { id: input.id } }, select: { id: true } });
      await tx.edition.updateMany({ where: { key: row.key, NOT: { id: input.id } }, data: { current: false } });
      await tx.edition.update({ where: { id: input.id }, data: { status: "published", current: true, checksum, publishedAt: new Date() } });
      await insertEditionTree(tx, input.id, edition);
      // 新版本 of an edition in use: the year's work follows it (lib/rules/import.ts)
      if (superseded) await carryYearWork(tx, superseded.id, input.id);
      await writeAudit(tx, { actor: actor.user, ip: actor.ip, action: "edition.publish", entityType: "edition", entityId: input.id, editionId: input.id, after: { key: row.key, version: row.version, checksum } });
      return { id: input.id, version: row.version };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Delete a draft nobody needs (drafts have no facts and no indicator rows). */
export async function deleteDraft(input: { id: number; expectedRevision: number }, actor: Actor): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    const row = await lockDraft(tx, input.id);
    if (row.revision !== input.expectedRevision) throw new DraftConflict({ revision: row.revision, edition: row.data as unknown as TEdition });
    await tx.edition.delete({ where: { id: input.id } });
    await writeAudit(tx, { actor: actor.user, ip: actor.ip, action: "edition.draft.delete", entityType: "edition", entityId: input.id, before: { key: row.key, version: row.version } });
  });
}



/**
 * 沿用上年指标's choices: the items of the edition a draft continues (edition.previous.edition),
 * its current published version, else the draft's own source when it has that key.
 */
export async function getPreviousItems(row: EditionRow): Promise<{ key: string; name: string; items: { code: string; label: string }[] } | null> {
  const key = row.edition.previous?.edition;
  if (!key) return null;
  const prisma = getPrisma();
  const found =
    (await prisma.edition.findFirst({ where: { key, status: "published", current: true }, select: { id: true }, orderBy: { version: "desc" } })) ??
    (row.sourceEditionId ? await prisma.edition.findFirst({ where: { id: row.sourceEditionId, key }, select: { id: true } }) : null);
  const prev = found ? await getEditionRow(found.id) : null;
  if (!prev) return null;
  const items = prev.edition.parts.flatMap((p) =>
    [...walkIndicators(p.indicators)].map(({ node, path }) => ({ code: node.code, label: `${[p.name, ...path.map((x) => x.name), node.name].join(" › ")}（${node.code}）` })),
  );
  return { key, name: prev.edition.name, items };
}
