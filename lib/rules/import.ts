// Imports validated editions into PostgreSQL. Idempotent: the same edition twice changes
// nothing. A changed edition replaces its latest version only while nothing has been
// entered against it; once a version is in use, the change becomes a new version.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import { isLeaf, walkColumns, walkIndicators } from "./resolve";
import type { TEdition } from "./schema";

/** Stable JSON: object keys sorted, so the checksum ignores key order in the files. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

export function editionChecksum(edition: TEdition): string {
  return createHash("sha256").update(canonicalJson(edition)).digest("hex");
}

export type ImportOutcome = { key: string; version: number; action: "unchanged" | "created" | "replaced" | "new-version" };

/** Whether anything has been entered against an edition version (then it is in use). */
export type InUseCheck = (tx: Tx, editionId: number) => Promise<boolean>;
type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

async function tableExists(tx: Tx, name: string): Promise<boolean> {
  const r = await tx.$queryRaw<{ ok: boolean }[]>`SELECT to_regclass(${name}) IS NOT NULL AS ok`;
  return r[0]?.ok ?? false;
}

/** Default: an edition is in use once any item fact references it. */
export const editionInUse: InUseCheck = async (tx, editionId) => {
  if (!(await tableExists(tx, "item_fact"))) return false;
  const r = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM item_fact WHERE edition_id = ${editionId}`;
  return (r[0]?.n ?? 0) > 0;
};

export async function importEdition(prisma: PrismaClient, edition: TEdition, inUse: InUseCheck = editionInUse): Promise<ImportOutcome> {
  const checksum = editionChecksum(edition);
  return prisma.$transaction(async (tx) => {
    // serialise concurrent imports of the same edition
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"edition:" + edition.id}))`;

    // new units only: never overwrite an admin's rename
    await tx.unit.createMany({
      data: edition.units.map((u) => ({ code: u.code, name: u.name, group: u.group, aliases: u.aliases })),
      skipDuplicates: true,
    });

    const same = await tx.edition.findUnique({ where: { key_checksum: { key: edition.id, checksum } } });
    if (same) return { key: edition.id, version: same.version, action: "unchanged" as const };

    // an administrator's unpublished draft of the same key (lib/authoring) is never touched
    const latest = await tx.edition.findFirst({ where: { key: edition.id, status: "published" }, orderBy: { version: "desc" } });
    const highest = await tx.edition.findFirst({ where: { key: edition.id }, orderBy: { version: "desc" }, select: { version: true } });
    let version = (highest?.version ?? 0) + 1;
    let action: ImportOutcome["action"] = "created";
    let supersedes: number | null = null;
    if (latest) {
      if (await inUse(tx, latest.id)) {
        action = "new-version";
        supersedes = latest.id;
        await tx.edition.updateMany({ where: { key: edition.id, status: "published" }, data: { current: false } });
      } else {
        version = latest.version;
        action = "replaced";
        await tx.edition.delete({ where: { id: latest.id } });
      }
    }
    const row = await tx.edition.create({
      data: {
        key: edition.id,
        version,
        name: edition.name,
        year: edition.year,
        checksum,
        data: JSON.parse(JSON.stringify(edition)),
        current: true,
      },
    });
    await insertEditionTree(tx, row.id, edition);
    if (supersedes !== null) await carryYearWork(tx, supersedes, row.id);
    return { key: edition.id, version, action };
  }, { timeout: 60_000, maxWait: 30_000 });
}

/** The indicator and website-column rows of one edition version (the 指标体系 page reads them). */
export async function insertEditionTree(tx: Tx, editionId: number, edition: TEdition): Promise<void> {
  let position = 0;
  const indicators = [];
  for (const part of edition.parts) {
    for (const { node, path } of walkIndicators(part.indicators)) {
      indicators.push({
        editionId,
        partCode: part.code,
        code: node.code,
        parentCode: path.length ? path[path.length - 1].code : null,
        name: node.name,
        maxPoints: String(node.max),
        isLeaf: isLeaf(node),
        ruleType: node.rule?.type ?? null,
        scope: node.scope ?? null,
        position: position++,
      });
    }
  }
  await tx.indicator.createMany({ data: indicators });
  const columns = [];
  position = 0;
  for (const part of edition.parts) {
    for (const { node, path } of walkColumns(part.columns ?? [])) {
      columns.push({
        editionId,
        code: node.code,
        parentCode: path.length ? path[path.length - 1].code : null,
        name: node.name,
        content: node.content ?? null,
        isLeaf: isLeaf(node),
        position: position++,
      });
    }
  }
  if (columns.length) await tx.websiteColumn.createMany({ data: columns });
}

/** Tables that describe an edition version itself; every other table with edition_id holds the year's work. */
const VERSION_TABLES = ["edition", "indicator", "website_column", "audit_log"];

/**
 * A new version of an edition that is in use supersedes it for the same assessment year: what
 * units and reviewers entered (facts, submissions, periods, evidence, reviews, results, appeals…)
 * moves to the new version, so nothing is stranded on a version nobody reads any more. The old
 * version keeps its rules and indicator rows; the audit trail keeps the version each change was
 * made under. Found by column name, so a table added later is carried too.
 */
export async function carryYearWork(tx: Tx, fromId: number, toId: number): Promise<void> {
  const tables = await tx.$queryRaw<{ table_name: string }[]>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.column_name = 'edition_id'
    ORDER BY c.table_name`;
  for (const { table_name } of tables) {
    if (VERSION_TABLES.includes(table_name)) continue;
    await tx.$executeRawUnsafe(`UPDATE "${table_name.replace(/"/g, '""')}" SET edition_id = $1 WHERE edition_id = $2`, toId, fromId);
  }
}
