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

    const latest = await tx.edition.findFirst({ where: { key: edition.id }, orderBy: { version: "desc" } });
    let version = 1;
    let action: ImportOutcome["action"] = "created";
    if (latest) {
      if (await inUse(tx, latest.id)) {
        version = latest.version + 1;
        action = "new-version";
        await tx.edition.updateMany({ where: { key: edition.id }, data: { current: false } });
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
    let position = 0;
    const indicators = [];
    for (const part of edition.parts) {
      for (const { node, path } of walkIndicators(part.indicators)) {
        indicators.push({
          editionId: row.id,
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
          editionId: row.id,
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
    return { key: edition.id, version, action };
  }, { timeout: 60_000, maxWait: 30_000 });
}
