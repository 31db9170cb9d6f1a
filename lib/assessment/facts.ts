import "server-only";
// Self-assessment facts: reading a unit's form, saving a draft with optimistic
// concurrency, live scoring, submitting. Every write is audited in its transaction.
import { z } from "zod";
import { getDb, getPrisma } from "../db/client";
import { withPrismaOn } from "../db/prisma";
import { rows, sqlTransaction, type Sql } from "../db/sql";
import { notify } from "../messages/notify";
import { AUDIT_COLUMNS, auditParams, auditPlaceholders } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { scoreItem, validateItemFact, type ItemResult, type TItemFact } from "../engine";
import type { Prisma } from "../generated/prisma/client";
import { getAssessmentContext, type AssessmentContext } from "./context";
import { itemsForUnit, unitItem, type UnitItem } from "./items";
import { lockState, type LockState } from "./locks";
import { lockForWrite, lockUnitTransition } from "./serial";

/** What a unit stores for an item: the engine's fact without unit/item/source. */
export type FactPayload = Omit<TItemFact, "unit" | "item" | "source">;

export type StoredFact = {
  payload: FactPayload;
  version: number;
  status: "draft" | "submitted" | "returned" | "reviewed";
  returnComment: string | null;
  updatedAt: Date;
  updatedBy: string | null;
};

export async function requireContext(editionId: number): Promise<AssessmentContext> {
  const ctx = await getAssessmentContext(editionId);
  if (!ctx) throw new UserError("找不到该考核年度", 404);
  return ctx;
}

type LockReader = Pick<Prisma.TransactionClient, "$queryRawUnsafe"> | Sql;

/** What decides whether a unit's form is editable now (lib/assessment/locks.ts). */
export type UnitLockInputs = {
  period: { opensAt: Date; deadline: Date } | null;
  extension: { until: Date; reason: string } | null;
  submission: { status: "draft" | "submitted" | "reviewed"; round: number; submittedAt: Date | null } | null;
  /** the parts whose results are finalised (定稿): each locks its own items only */
  finalisedParts: string[];
};

const ZLockRow = z.object({
  opens_at: z.date().nullable(),
  deadline: z.date().nullable(),
  ext_until: z.date().nullable(),
  ext_reason: z.string().nullable(),
  sub_status: z.enum(["draft", "submitted", "reviewed"]).nullable(),
  sub_round: z.number().int().nullable(),
  sub_submitted_at: z.date().nullable(),
  finalised_parts: z.array(z.string()),
});

/** $1 edition id, $2 unit code. */
const LOCK_INPUTS_SQL = `
    SELECT p.opens_at, p.deadline, e.until AS ext_until, e.reason AS ext_reason,
           s.status::text AS sub_status, s.round AS sub_round, s.submitted_at AS sub_submitted_at,
           ARRAY(SELECT part_code FROM result_finalisation WHERE edition_id = $1 AND active ORDER BY part_code) AS finalised_parts
    FROM (SELECT 1) AS one
    LEFT JOIN assessment_period p ON p.edition_id = $1
    LEFT JOIN period_extension e ON e.edition_id = $1 AND e.unit_code = $2
    LEFT JOIN unit_submission s ON s.edition_id = $1 AND s.unit_code = $2`;

/**
 * The period, the unit's extension, its submission and which parts are finalised, in
 * one round trip (every save, upload, submit and form view asks). Inside a transaction
 * pass its client (Prisma's or a `pg` one): a second pool connection per transaction
 * starves the pool under load.
 */
export async function getUnitLockInputs(editionId: number, unitCode: string, db: LockReader = getPrisma()): Promise<UnitLockInputs> {
  const raw = "$queryRawUnsafe" in db ? await db.$queryRawUnsafe<unknown[]>(LOCK_INPUTS_SQL, editionId, unitCode) : (await db.query(LOCK_INPUTS_SQL, [editionId, unitCode])).rows;
  return lockInputsOf(ZLockRow.parse(raw[0]));
}

function lockInputsOf(r: z.infer<typeof ZLockRow>): UnitLockInputs {
  return {
    period: r.opens_at && r.deadline ? { opensAt: r.opens_at, deadline: r.deadline } : null,
    extension: r.ext_until ? { until: r.ext_until, reason: r.ext_reason ?? "" } : null,
    submission: r.sub_status ? { status: r.sub_status, round: r.sub_round ?? 0, submittedAt: r.sub_submitted_at } : null,
    finalisedParts: r.finalised_parts,
  };
}

/**
 * The lock of one item (scope.parts = its part) or of the whole form (the parts of the
 * unit's items): 定稿 locks only what lies in finalised parts, so a form is locked as
 * finalised only when every part it has items in is.
 */
export function unitLock(inputs: UnitLockInputs, now: Date, scope: { parts: readonly string[]; itemReturned?: boolean; partName?: string }): LockState {
  return lockState({
    now,
    period: inputs.period,
    extensionUntil: inputs.extension?.until ?? null,
    submissionStatus: inputs.submission?.status ?? null,
    itemReturned: scope.itemReturned ?? false,
    finalised: scope.parts.length > 0 && scope.parts.every((p) => inputs.finalisedParts.includes(p)),
    partName: scope.partName,
  });
}

export const partName = (ctx: AssessmentContext, partCode: string) => ctx.compiled.partByCode.get(partCode)?.name;

/** The parts a unit has editable items in that are not finalised: what a submit covers. */
export function openParts(items: UnitItem[], inputs: UnitLockInputs): Set<string> {
  return new Set(items.filter((i) => i.editable && !inputs.finalisedParts.includes(i.leaf.partCode)).map((i) => i.leaf.partCode));
}

const ZFactRow = z.object({
  unit_code: z.string(),
  item_code: z.string(),
  source: z.enum(["self", "review"]),
  payload: z.unknown(),
  version: z.number().int(),
  status: z.enum(["draft", "submitted", "returned", "reviewed"]),
  return_comment: z.string().nullable(),
  updated_at: z.date(),
  updated_by_id: z.number().int().nullable(),
});

/**
 * The stored facts (self and review) of these (unit, item) pairs: every form view and every
 * submit reads them, one SQL query (typed SQL: Prisma built an OR of one clause per item).
 */
async function readFacts(sql: Sql, editionId: number, pairs: { unit: string; item: string }[]) {
  if (pairs.length === 0) return [];
  const found = await rows(
    sql,
    ZFactRow,
    `SELECT unit_code, item_code, source::text AS source, payload, version, status::text AS status, return_comment, updated_at, updated_by_id
       FROM item_fact
      WHERE edition_id = $1 AND (unit_code, item_code) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [editionId, pairs.map((p) => p.unit), pairs.map((p) => p.item)],
  );
  return found.map((r) => ({ unitCode: r.unit_code, itemCode: r.item_code, source: r.source, payload: r.payload, version: r.version, status: r.status, returnComment: r.return_comment, updatedAt: r.updated_at, updatedById: r.updated_by_id }));
}

function toEngineFact(unit: string, item: string, source: "self" | "review", payload: unknown): TItemFact {
  return { ...(payload as FactPayload), unit, item, source };
}

export type FormItem = {
  item: UnitItem;
  self: StoredFact | null;
  review: { payload: FactPayload; updatedAt: Date } | null;
  result: ItemResult;
  lock: LockState;
  evidenceCount: number;
};

/** The items a unit fills in, each with its stored facts, score and lock. */
export async function getUnitForm(editionId: number, unitCode: string, now = new Date()) {
  const ctx = await requireContext(editionId);
  const items = itemsForUnit(ctx.compiled, unitCode);
  const pool = getDb().pool;
  const [rows, lockInputs, evidence] = await Promise.all([
    readFacts(pool, ctx.id, items.map((i) => ({ unit: i.factUnit, item: i.leaf.code }))),
    getUnitLockInputs(ctx.id, unitCode, pool),
    getPrisma().evidence.groupBy({ by: ["itemCode"], where: { editionId: ctx.id, unitCode, deletedAt: null }, _count: { _all: true } }),
  ]);
  // only the people who last edited these items, not every account
  const editorIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is number => id !== null))];
  const users = editorIds.length ? await getPrisma().user.findMany({ where: { id: { in: editorIds } }, select: { id: true, displayName: true } }) : [];
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const evidenceBy = new Map(evidence.map((e) => [e.itemCode, e._count._all]));
  return formOf(ctx, unitCode, items, rows, lockInputs, now, (id) => userName.get(id) ?? null, (item) => evidenceBy.get(item) ?? 0);
}

type ReadFact = Awaited<ReturnType<typeof readFacts>>[number];

function formOf(
  ctx: AssessmentContext,
  unitCode: string,
  items: UnitItem[],
  rows: ReadFact[],
  lockInputs: UnitLockInputs,
  now: Date,
  userName: (id: number) => string | null,
  evidenceCount: (item: string) => number,
) {
  const byPair = new Map<string, ReadFact[]>();
  for (const r of rows) {
    const k = `${r.unitCode}\u0000${r.itemCode}`;
    byPair.set(k, [...(byPair.get(k) ?? []), r]);
  }
  const form: FormItem[] = items.map((item) => {
    const mine = byPair.get(`${item.factUnit}\u0000${item.leaf.code}`) ?? [];
    const self = mine.find((r) => r.source === "self");
    const review = mine.find((r) => r.source === "review");
    const facts = mine.map((r) => toEngineFact(r.unitCode, r.itemCode, r.source, r.payload));
    return {
      item,
      self: self
        ? { payload: self.payload as FactPayload, version: self.version, status: self.status, returnComment: self.returnComment, updatedAt: self.updatedAt, updatedBy: self.updatedById ? userName(self.updatedById) : null }
        : null,
      review: review ? { payload: review.payload as FactPayload, updatedAt: review.updatedAt } : null,
      result: scoreItem(ctx.compiled, { unit: unitCode, item: item.leaf.code, facts }),
      lock: item.editable
        ? unitLock(lockInputs, now, { parts: [item.leaf.partCode], itemReturned: self?.status === "returned", partName: partName(ctx, item.leaf.partCode) })
        : { editable: false, reason: "submitted", message: "本项由牵头单位填报，本单位可查看", deadline: lockInputs.period?.deadline ?? null },
      evidenceCount: evidenceCount(item.leaf.code),
    };
  });
  // the form as a whole: open while any part it has items in is; items the reviewer returned
  // in an open part reopen it for resubmission
  const parts = [...new Set(items.filter((i) => i.editable).map((i) => i.leaf.partCode))];
  const open = openParts(items, lockInputs);
  const returned = form.some((f) => f.self?.status === "returned" && open.has(f.item.leaf.partCode));
  return { ctx, form, lockInputs, unitLock: unitLock(lockInputs, now, { parts, itemReturned: returned }) };
}

/** Field errors keyed by the payload path ("value.events.0.kind"), from the engine's validator. */
function validatePayload(ctx: AssessmentContext, factUnit: string, itemCode: string, payload: unknown) {
  const r = validateItemFact(ctx.compiled, toEngineFact(factUnit, itemCode, "self", payload), "fact");
  if (r.errors.length === 0 && r.fact) return { fact: r.fact };
  const fieldErrors: Record<string, string> = {};
  for (const e of r.errors) {
    const key = e.path.replace(/^fact\.?/, "").replace(/\[(\d+)\]/g, ".$1") || "_";
    fieldErrors[key] ??= e.message;
  }
  return { fieldErrors };
}

/** Live score for unsaved input: the engine's result and explanation, or field errors. */
export async function previewItem(editionId: number, unitCode: string, itemCode: string, payload: unknown) {
  const ctx = await requireContext(editionId);
  const ui = unitItem(ctx.compiled, unitCode, itemCode);
  if (!ui) throw new UserError("本单位不负责该指标", 404);
  const v = validatePayload(ctx, ui.factUnit, itemCode, payload);
  if (!v.fact) return { ok: false as const, fieldErrors: v.fieldErrors };
  const review = await getPrisma().itemFact.findUnique({
    where: { editionId_unitCode_itemCode_source: { editionId, unitCode: ui.factUnit, itemCode, source: "review" } },
    select: { payload: true },
  });
  const facts = [v.fact, ...(review ? [toEngineFact(ui.factUnit, itemCode, "review", review.payload)] : [])];
  return { ok: true as const, result: scoreItem(ctx.compiled, { unit: unitCode, item: itemCode, facts }) };
}

export type SaveResult =
  | { status: "saved"; version: number; result: ItemResult; savedAt: Date }
  | { status: "conflict"; current: { payload: FactPayload; version: number; updatedAt: Date; updatedBy: string | null } };

const ZSelfRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status: z.enum(["draft", "submitted", "returned", "reviewed"]),
  payload: z.unknown(),
  updated_at: z.date(),
  updated_by: z.string().nullable(),
});
type SelfRow = z.infer<typeof ZSelfRow>;

/** The save's second read: the reviewer's fact (for the live score) and the lock inputs.
 *  Built once: a zod schema is costly to construct on every save. */
const ZSaveStateRow = ZLockRow.extend({ review: z.unknown().nullable() });

/** $1 edition, $2 the fact's unit, $3 item: the stored self fact with who saved it last. */
const SELF_ROW_SQL = `
    SELECT f.id, f.version, f.status::text AS status, f.payload, f.updated_at, u.display_name AS updated_by
      FROM item_fact f LEFT JOIN app_user u ON u.id = f.updated_by_id
     WHERE f.edition_id = $1 AND f.unit_code = $2 AND f.item_code = $3 AND f.source = 'self'`;

/** The version that is in the database now, with who saved it: what a conflict shows. */
function conflictWith(row: SelfRow | null, now: Date) {
  return {
    status: "conflict" as const,
    current: { payload: (row?.payload ?? {}) as FactPayload, version: row?.version ?? 0, updatedAt: row?.updated_at ?? now, updatedBy: row?.updated_by ?? null },
  };
}

/**
 * A draft save: validated, then in one transaction the locks (shared advisory locks, the
 * fact's row), the lock check, the optimistic version check, the write and its audit row.
 * Typed SQL through `pg`, not Prisma: the hottest write of the deadline rush, where
 * Prisma's interpreter was the largest cost (docs/architecture.md "Typed SQL").
 */
export async function saveSelfFact(
  user: SessionUser,
  ip: string,
  input: { editionId: number; unitCode: string; itemCode: string; payload: unknown; expectedVersion: number },
  /** the save's time; by default the moment the locks are held (a deadline passing is checked then) */
  at?: Date,
): Promise<SaveResult> {
  const ctx = await requireContext(input.editionId);
  const ui = unitItem(ctx.compiled, input.unitCode, input.itemCode);
  if (!ui) throw new UserError("本单位不负责该指标", 404);
  if (!ui.editable) throw new UserError("本项由牵头单位填报，本单位只能查看", 403);
  const v = validatePayload(ctx, ui.factUnit, input.itemCode, input.payload);
  if (!v.fact) throw new UserError("填写内容有误，请检查标出的字段", 400, v.fieldErrors);
  if (!unitEntersValue(ui) && v.fact.value !== undefined) {
    throw new UserError("本项由审核员评分，单位不填写分数", 400, { value: "本项由审核员评分，单位只能填写备注和上传佐证材料" });
  }
  const { unit: _u, item: _i, source: _s, ...payload } = v.fact;
  const key = [ctx.id, ui.factUnit, input.itemCode] as const;
  const payloadJson = JSON.stringify(payload);

  let now = at ?? new Date();
  const out = await sqlTransaction(async (sql) => {
    // serialised with submit, 定稿, reopen and period changes (lib/assessment/serial.ts), and
    // with review transitions on this item by its row: the lock read below is the one that holds
    // Sent together (the pool's connections are pipelined, lib/db/prisma.ts): one round trip.
    // PostgreSQL runs them in order, each statement on a snapshot taken when it starts, so the
    // row lock is taken after the advisory locks and the lock inputs and the reviewer's fact
    // are read after the row lock (a fresh snapshot), as if each had been awaited in turn.
    const [, selfRows, [state]] = await Promise.all([
      lockForWrite(sql, ctx.id, input.unitCode, ui.leaf.partCode),
      rows(sql, ZSelfRow, `${SELF_ROW_SQL} FOR UPDATE OF f`, [...key]),
      rows(
        sql,
        ZSaveStateRow,
        `SELECT (SELECT payload FROM item_fact WHERE edition_id = $1 AND unit_code = $3 AND item_code = $4 AND source = 'review') AS review, l.*
           FROM (${LOCK_INPUTS_SQL}) AS l`,
        [ctx.id, input.unitCode, ui.factUnit, input.itemCode],
      ),
    ]);
    const current = selfRows[0] ?? null;
    now = at ?? new Date();
    const lock = unitLock(lockInputsOf(state), now, { parts: [ui.leaf.partCode], itemReturned: current?.status === "returned", partName: partName(ctx, ui.leaf.partCode) });
    if (!lock.editable) throw new UserError(lock.message, 423);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.expectedVersion) return conflictWith(current, now);
    const version = currentVersion + 1;
    const audit = auditParams(
      {
        actor: user,
        ip,
        action: "fact.self.save",
        entityType: "item_fact",
        entityId: `${ctx.id}:${ui.factUnit}:${input.itemCode}:self`,
        unitCode: input.unitCode,
        editionId: ctx.id,
        itemCode: input.itemCode,
        before: current ? { version: current.version, payload: current.payload } : null,
        after: { version, payload },
      },
      // the audit trail records when it happened, even for a save dated `at` (demo, offline form)
      new Date(),
    );
    // the write and its audit row in one statement: no audit row without the write, and
    // none if the version moved (then no row comes back)
    const written = current
      ? await sql.query(
          `WITH w AS (UPDATE item_fact SET payload = $3::jsonb, updated_by_id = $4, updated_at = $5, version = version + 1
                       WHERE id = $1 AND version = $2 RETURNING id)
           INSERT INTO audit_log (${AUDIT_COLUMNS}) SELECT ${auditPlaceholders(6)} FROM w`,
          [current.id, currentVersion, payloadJson, user.id, now, ...audit],
        )
      : // a concurrent first save hits the unique key: reported as a conflict below
        await sql.query(
          `WITH w AS (INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_by_id, updated_at)
                       VALUES ($1, $2, $3, 'self', $4::jsonb, 'draft', 1, $5, $6) RETURNING id)
           INSERT INTO audit_log (${AUDIT_COLUMNS}) SELECT ${auditPlaceholders(7)} FROM w`,
          [...key, payloadJson, user.id, now, ...audit],
        );
    // lost the race to a concurrent save: show the row that won, as committed
    if (written.rowCount !== 1) return conflictWith((await rows(sql, ZSelfRow, SELF_ROW_SQL, [...key]))[0] ?? null, now);
    return { status: "saved" as const, version, review: state.review };
  }).catch(async (e: unknown) => {
    if ((e as { code?: string }).code === "23505") {
      return conflictWith((await rows(getDb().pool, ZSelfRow, SELF_ROW_SQL, [...key]))[0] ?? null, now);
    }
    throw e;
  });
  if (out.status === "conflict") return out;
  // the live score of what was saved, with the reviewer's fact as read in the transaction
  const facts = [v.fact, ...(out.review ? [toEngineFact(ui.factUnit, input.itemCode, "review", out.review)] : [])];
  return { status: "saved", version: out.version, result: scoreItem(ctx.compiled, { unit: input.unitCode, item: input.itemCode, facts }), savedAt: now };
}

export type MissingItem = { code: string; name: string; pathNames: string[] };

/** Rating items are scored by reviewers: a unit adds notes and evidence, never a value. */
export function unitEntersValue(item: UnitItem): boolean {
  return item.leaf.rule.type !== "rating";
}

/**
 * Does the unit still have to fill this item in (or mark it 不适用 with a reason)? The
 * engine decides: an item is missing while its self side is "not entered" (no fact, a
 * precondition or a month left blank…). Opt-in items without a fact are not applicable
 * (R9), and rating items are the reviewer's.
 */
export function isMissing(f: Pick<FormItem, "item" | "result" | "lock">): boolean {
  // a finalised part's items can no longer be filled in: they do not hold up a submit
  const finalised = !f.lock.editable && f.lock.reason === "finalised";
  return f.item.editable && !finalised && unitEntersValue(f.item) && f.result.self.state === "not-entered";
}

/** Items the unit must still fill in (or mark 不适用 with a reason) before submitting. */
export async function missingItems(editionId: number, unitCode: string): Promise<MissingItem[]> {
  const { form } = await getUnitForm(editionId, unitCode);
  return missingOf(form);
}

const missingOf = (form: FormItem[]): MissingItem[] => form.filter(isMissing).map((f) => ({ code: f.item.leaf.code, name: f.item.leaf.name, pathNames: f.item.leaf.pathNames }));

/**
 * Submit the unit's form: the items of the parts not yet finalised (a finalised part's
 * items stay as 定稿 left them). Serialised with the unit's saves and uploads, with 定稿 of
 * its parts and with period changes (lib/assessment/serial.ts); what is missing is read
 * under those locks, so no save can empty an item between the check and the submit.
 * Typed SQL like the draft save (docs/architecture.md "Typed SQL").
 */
export async function submitUnit(user: SessionUser, ip: string, input: { editionId: number; unitCode: string }, at?: Date) {
  const ctx = await requireContext(input.editionId);
  const unitItems = itemsForUnit(ctx.compiled, input.unitCode);
  const all = unitItems.filter((i) => i.editable);
  const parts = [...new Set(all.map((i) => i.leaf.partCode))];
  return sqlTransaction(async (sql) => {
    await lockUnitTransition(sql, ctx.id, input.unitCode, parts);
    const now = at ?? new Date();
    const inputs = await getUnitLockInputs(ctx.id, input.unitCode, sql);
    const facts = await readFacts(sql, ctx.id, unitItems.map((i) => ({ unit: i.factUnit, item: i.leaf.code })));
    const { form } = formOf(ctx, input.unitCode, unitItems, facts, inputs, now, () => null, () => 0);
    const missing = missingOf(form);
    if (missing.length > 0) return { status: "incomplete" as const, missing };
    const open = openParts(all, inputs);
    const items = all.filter((i) => open.has(i.leaf.partCode));
    const inOpenPart = new Set(items.map((i) => `${i.factUnit}\u0000${i.leaf.code}`));
    const returned = facts.filter((f) => f.source === "self" && f.status === "returned" && inOpenPart.has(`${f.unitCode}\u0000${f.itemCode}`)).map((f) => ({ itemCode: f.itemCode }));
    const lock = unitLock(inputs, now, { parts, itemReturned: returned.length > 0 });
    if (!lock.editable) throw new UserError(lock.message, 423);
    const prev = inputs.submission;
    const round = (prev?.round ?? 0) + 1;
    const audit = auditParams(
      {
        actor: user,
        ip,
        action: "submission.submit",
        entityType: "unit_submission",
        entityId: `${ctx.id}:${input.unitCode}`,
        unitCode: input.unitCode,
        editionId: ctx.id,
        before: prev ? { status: prev.status, round: prev.round } : null,
        after: { status: "submitted", round, resubmittedItems: returned.map((r) => r.itemCode) },
      },
      // the audit trail records when it happened, even for a save dated `at` (demo, offline form)
      new Date(),
    );
    // the submission, its items' status, the review events (each resubmitted item, then the
    // submit) and the audit row: one statement
    await sql.query(
      `WITH s AS (INSERT INTO unit_submission (edition_id, unit_code, status, round, submitted_at, updated_at)
                  VALUES ($1, $2, 'submitted', $3, $4, $4)
                  ON CONFLICT (edition_id, unit_code) DO UPDATE SET status = 'submitted', round = EXCLUDED.round, submitted_at = EXCLUDED.submitted_at, updated_at = EXCLUDED.updated_at),
            f AS (UPDATE item_fact SET status = 'submitted', return_comment = NULL
                   WHERE edition_id = $1 AND source = 'self' AND status IN ('draft', 'returned')
                     AND (unit_code, item_code) IN (SELECT * FROM unnest($5::text[], $6::text[]))),
            e AS (INSERT INTO review_event (edition_id, unit_code, item_code, round, action, actor_id, at)
                  SELECT $1, $2, x.item, $3, x.action, $7, $4
                    FROM (SELECT item, 'resubmit' AS action, n FROM unnest($8::text[]) WITH ORDINALITY AS r(item, n)
                          UNION ALL SELECT NULL, 'submit', 2147483647) AS x ORDER BY x.n)
       INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (${auditPlaceholders(9)})`,
      [ctx.id, input.unitCode, round, now, items.map((i) => i.factUnit), items.map((i) => i.leaf.code), user.id, returned.map((r) => r.itemCode), ...audit],
    );
    if (returned.length > 0) {
      const unitName = ctx.compiled.unitByCode.get(input.unitCode)?.name ?? input.unitCode;
      // rare (a resubmission): the one message goes through the domain's notify(), in this transaction
      await withPrismaOn(sql, (tx) =>
        notify(tx, { role: "reviewer", kind: "item.resubmitted", editionId: ctx.id, aboutUnit: input.unitCode, link: `/review/${input.unitCode}`, title: `${unitName}重新提交了 ${returned.length} 项退回指标`, body: `${unitName}已修改并重新提交退回的指标（第 ${round} 轮），请复核。` }),
      );
    }
    return { status: "submitted" as const, round };
  });
}
