import "server-only";
// Serialising writes with the transitions that lock them (issue #13 item 2). A write to a
// unit's form (draft save, evidence upload/delete/link) checks the lock and writes inside
// one transaction holding SHARED transaction-scoped advisory locks; every transition that
// can lock that write takes the matching lock EXCLUSIVELY in its own transaction:
//
//   edition   savePeriod (the deadline moves)                 ← writers, submit: shared
//   part      finalise (定稿), reopen                          ← writers of the part, submit, review: shared
//   unit      submit, grantExtension                          ← writers of the unit, review: shared
//
// So a write either commits before the transition starts or waits for it and then sees
// the lock. Locks are always taken in that order (edition → parts sorted → unit → rows),
// so two transactions never wait on each other in a cycle. Writes to one item's fact row
// are further serialised by the row itself (SELECT … FOR UPDATE in the save, UPDATE in
// review transitions). Advisory keys are (namespace, hashtext(name)); a hash collision only
// serialises more than needed.
import type { Prisma } from "../generated/prisma/client";

/** A Prisma transaction, or a `pg` connection inside a transaction (lib/db/sql.ts). */
type Tx = Pick<Prisma.TransactionClient, "$executeRawUnsafe"> | { query: (text: string, values: unknown[]) => Promise<unknown> };

async function exec(tx: Tx, text: string, values: unknown[]) {
  if ("$executeRawUnsafe" in tx) await tx.$executeRawUnsafe(text, ...values);
  else await tx.query(text, values);
}

/** "lk" + 2017: the namespace of these keys, apart from every other advisory lock. */
const NAMESPACE = 0x6c6b_2017;

type Mode = "shared" | "exclusive";

async function take(tx: Tx, mode: Mode, name: string) {
  await exec(tx, `SELECT ${mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock"}($1::int, hashtext($2))`, [NAMESPACE, name]);
}

const editionKey = (editionId: number) => `edition:${editionId}`;
const partKey = (editionId: number, part: string) => `part:${editionId}:${part}`;
const unitKey = (editionId: number, unit: string) => `unit:${editionId}:${unit}`;

/** A write to one item of a unit's form: the period, the item's part and the unit must not change under it. */
export async function lockForWrite(tx: Tx, editionId: number, unitCode: string, partCode: string) {
  // one round trip on the hot path; the select list is evaluated left to right
  await exec(
    tx,
    `SELECT pg_advisory_xact_lock_shared($1::int, hashtext($2)), pg_advisory_xact_lock_shared($1::int, hashtext($3)), pg_advisory_xact_lock_shared($1::int, hashtext($4))`,
    [NAMESPACE, editionKey(editionId), partKey(editionId, partCode), unitKey(editionId, unitCode)],
  );
}

/** Submit (and per-unit extensions): excludes the unit's writers; the parts and period stay as they are. */
export async function lockUnitTransition(tx: Tx, editionId: number, unitCode: string, partCodes: readonly string[]) {
  // one round trip: the select list is evaluated left to right, so the order holds
  // (edition, the parts sorted, then the unit exclusively)
  const parts = [...new Set(partCodes)].sort();
  const shared = [editionKey(editionId), ...parts.map((p) => partKey(editionId, p))];
  const list = shared.map((_, i) => `pg_advisory_xact_lock_shared($1::int, hashtext($${i + 2}))`);
  list.push(`pg_advisory_xact_lock($1::int, hashtext($${shared.length + 2}))`);
  await exec(tx, `SELECT ${list.join(", ")}`, [NAMESPACE, ...shared, unitKey(editionId, unitCode)]);
}

/** A reviewer's change to one item (accept, return, adjust): after any submit or 定稿 in flight. */
export async function lockForReview(tx: Tx, editionId: number, unitCode: string, partCode: string) {
  await take(tx, "shared", partKey(editionId, partCode));
  await take(tx, "shared", unitKey(editionId, unitCode));
}

/** 定稿 and reopen of a part: excludes every writer and reviewer of the part. */
export async function lockPartTransition(tx: Tx, editionId: number, partCode: string) {
  await take(tx, "exclusive", partKey(editionId, partCode));
}

/** Moving the period (opens-at, deadline): excludes every writer of the edition. */
export async function lockPeriodTransition(tx: Tx, editionId: number) {
  await take(tx, "exclusive", editionKey(editionId));
}

/**
 * Options for a transaction that may wait on one of these locks: Prisma's default 5 s would
 * abort a save queued behind a long 定稿 with a raw error instead of letting it see the lock.
 */
export const SERIAL_TX = { maxWait: 10_000, timeout: 30_000 } as const;
