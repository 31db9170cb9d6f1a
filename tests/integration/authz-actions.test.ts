// The authorisation matrix for server actions: every exported action of every "use server"
// module × every role, anonymous, and a 填报员 of another unit. A new action without an
// entry fails the first test.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

type Who = "anonymous" | "admin" | "reviewer" | "leader" | "filler" | "otherFiller";
const WHO: Who[] = ["anonymous", "admin", "reviewer", "leader", "filler", "otherFiller"];
const SIGNED_IN: Who[] = ["admin", "reviewer", "leader", "filler", "otherFiller"];

/** The filler's own unit is "own-unit"; inputs below touch that unit. */
type Entry = { allowed: Who[]; input: unknown };

const MATRIX: Record<string, Entry> = {
  "app/account/password/actions.ts#changePasswordAction": {
    allowed: SIGNED_IN,
    input: { current: "x", next: "y", confirm: "z" },
  },
  // edition 987654 does not exist: allowed callers get 404 and nothing is written
  "app/self-assessment/actions.ts#previewItemAction": {
    allowed: ["filler"],
    input: { editionId: 987654, unitCode: "own-unit", itemCode: "p1.xxh.sphy.tsdm", payload: { value: { events: [] } } },
  },
  "app/self-assessment/actions.ts#saveItemAction": {
    allowed: ["filler"],
    input: { editionId: 987654, unitCode: "own-unit", itemCode: "p1.xxh.sphy.tsdm", payload: { value: { events: [] } }, expectedVersion: 0 },
  },
  "app/self-assessment/actions.ts#submitUnitAction": {
    allowed: ["filler"],
    input: { editionId: 987654, unitCode: "own-unit" },
  },
  "app/admin/periods/actions.ts#savePeriodAction": {
    allowed: ["admin"],
    input: { editionId: 987654, opensAt: "2017-01-01T00:00", deadline: "2017-12-31T18:00" },
  },
  "app/admin/periods/actions.ts#grantExtensionAction": {
    allowed: ["admin"],
    input: { editionId: 987654, unitCode: "own-unit", until: "2018-01-15T18:00", reason: "补报" },
  },
  // 节假日日历: a line that is no date is refused (400) before anything is written
  "app/admin/calendar/actions.ts#saveCalendarYearAction": { allowed: ["admin"], input: { year: 2099, text: "不是日期 放假" } },
  // 管理 (admin:users / admin:units): made-up ids and codes hit 404/400/409 before any write
  "app/admin/users/actions.ts#createUserAction": { allowed: ["admin"], input: { username: "matrix-x", displayName: "x", roles: ["filler"], unitCode: "no-such-unit" } },
  "app/admin/users/actions.ts#updateUserAction": { allowed: ["admin"], input: { id: 987654, displayName: "x", roles: ["leader"], unitCode: null } },
  "app/admin/users/actions.ts#setUserDisabledAction": { allowed: ["admin"], input: { id: 987654, disabled: true } },
  "app/admin/users/actions.ts#resetUserPasswordAction": { allowed: ["admin"], input: { id: 987654 } },
  "app/admin/units/actions.ts#createUnitAction": { allowed: ["admin"], input: { code: "own-unit", name: "x", group: "department" } },
  "app/admin/units/actions.ts#renameUnitAction": { allowed: ["admin"], input: { code: "no-such-unit", newName: "x", reason: "x" } },
  "app/admin/units/actions.ts#setUnitActiveAction": { allowed: ["admin"], input: { code: "no-such-unit", active: false } },
  // evidence: edition 987654 does not exist, so allowed callers get 404 and nothing is written
  "app/api/evidence/actions.ts#listEvidenceAction": {
    allowed: ["reviewer", "leader", "filler"],
    input: { editionId: 987654, unitCode: "own-unit", itemCode: "p1.xxh.sphy.tsdm" },
  },
  "app/api/evidence/actions.ts#addEvidenceLinkAction": {
    allowed: ["filler"],
    input: { editionId: 987654, unitCode: "own-unit", itemCode: "p1.xxh.sphy.tsdm", url: "https://example.org/" },
  },
  // authorised against the unit owning the row: an unknown id has none, so even a 填报员 gets 403
  "app/api/evidence/actions.ts#deleteEvidenceAction": {
    allowed: [],
    input: { id: "00000000-0000-4000-8000-000000000000" },
  },
  // 审核 (review:write; reopen admin:editions): edition 999999 does not exist, so allowed callers get 404 and nothing changes
  "app/review/[unitCode]/actions.ts#acceptItemAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCode: "own-unit", itemCode: "x", method: "网上核查" } },
  "app/review/[unitCode]/actions.ts#returnItemAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCode: "own-unit", itemCode: "x", comment: "请补充材料" } },
  "app/review/[unitCode]/actions.ts#adjustItemAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCode: "own-unit", itemCode: "x", method: "现场检查", reason: "核实", payload: {} } },
  "app/review/[unitCode]/actions.ts#previewAdjustmentAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCode: "own-unit", itemCode: "x", payload: {} } },
  "app/review/[unitCode]/actions.ts#saveDeadlineRecordsAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCode: "own-unit", itemCode: "x", records: [], method: "网上核查", reason: "核实" } },
  "app/review/[unitCode]/actions.ts#addPostPenaltyAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCode: "own-unit", partCode: "p2", points: "1", reason: "网站未更新" } },
  "app/review/[unitCode]/actions.ts#bulkReviewItemsAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCode: "own-unit", itemCodes: ["x"], decision: "accept", method: "网上核查" } },
  "app/review/actions.ts#bulkReviewUnitsAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCodes: ["own-unit"], decision: "return", comment: "请补充材料" } },
  // 申诉 (appeal:write, own unit) and 结果公布/申诉处理 (review:write): unknown edition/appeal → 404, nothing written
  "app/scorecards/[unitCode]/actions.ts#fileAppealAction": { allowed: ["filler"], input: { editionId: 987654, unitCode: "own-unit", itemCode: "p2.hdlm.zsk", reason: "已上线" } },
  "app/review/appeals/actions.ts#publishResultsAction": { allowed: ["reviewer"], input: { editionId: 999_999, published: true, appealWorkdays: 5 } },
  "app/review/appeals/actions.ts#decideAppealAction": { allowed: ["reviewer"], input: { appealId: 999_999, decision: "reject", reason: "维持原分" } },
  "app/review/monitoring/actions.ts#recordFindingAction": { allowed: ["reviewer"], input: { editionId: 999_999, finding: { type: "outreach", unitCode: "own-unit", date: "2017-10-12" } } },
  "app/review/monitoring/actions.ts#undoFindingAction": { allowed: ["reviewer"], input: { editionId: 999_999, id: "1", unitCode: "own-unit", reason: "误录" } },
  "app/review/monitoring/actions.ts#importFindingsAction": { allowed: ["reviewer"], input: new FormData() },
  "app/review/finalise/actions.ts#finalisePartAction": { allowed: ["reviewer"], input: { editionId: 999_999, partCode: "p1", acceptRemaining: false } },
  // 考核版本 (admin:editions): edition 999999 does not exist, so allowed callers get 404/400 and nothing is written
  "app/editions/actions.ts#copyEditionAction": { allowed: ["admin"], input: { sourceId: 999_999, key: "matrix-2018", year: 2018, name: "x" } },
  "app/editions/actions.ts#newVersionAction": { allowed: ["admin"], input: { editionId: 999_999 } },
  "app/editions/actions.ts#saveDraftAction": { allowed: ["admin"], input: { id: 999_999, expectedRevision: 0, data: {} } },
  "app/editions/actions.ts#publishDraftAction": { allowed: ["admin"], input: { id: 999_999, expectedRevision: 0 } },
  "app/editions/actions.ts#deleteDraftAction": { allowed: ["admin"], input: { id: 999_999, expectedRevision: 0 } },
  "app/review/reopen/actions.ts#reopenPartAction": { allowed: ["admin"], input: { editionId: 999_999, partCode: "p1", reason: "发现录入错误" } },
  // 消息中心: only one's own messages (these made-up users have none); 催报 of edition 999999 is refused as stale (409)
  "app/messages/actions.ts#markReadAction": { allowed: SIGNED_IN, input: { all: true } },
  "app/review/remind/actions.ts#sendReminderAction": { allowed: ["reviewer"], input: { editionId: 999_999, unitCodes: ["own-unit"] } },
};

function user(who: Exclude<Who, "anonymous">): SessionUser {
  const base = { id: 999_000 + WHO.indexOf(who), username: who, displayName: who, unitCode: null, unitName: null, mustChangePassword: false };
  switch (who) {
    case "filler":
      return { ...base, roles: ["filler"], unitCode: "own-unit" };
    case "otherFiller":
      return { ...base, roles: ["filler"], unitCode: "other-unit" };
    default:
      return { ...base, roles: [who] };
  }
}

function actionModules(dir = "app"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...actionModules(p));
    else if (/\.(ts|tsx)$/.test(name) && /^\s*["']use server["']/.test(readFileSync(p, "utf8"))) out.push(p);
  }
  return out.sort();
}

let actions: Map<string, (input: unknown) => Promise<{ ok: boolean; status?: number }>>;
let runAs: typeof import("@/lib/auth/guard").runAs;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  runAs = (await import("@/lib/auth/guard")).runAs;
  actions = new Map();
  for (const file of actionModules()) {
    const mod = (await import(path.resolve(file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) if (typeof fn === "function") actions.set(`${file}#${name}`, fn as never);
  }
});

describe("server action authorisation matrix", () => {
  it("every server action has an entry, and every entry names a real action", () => {
    expect([...actions.keys()].filter((k) => !MATRIX[k])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !actions.has(k))).toEqual([]);
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    for (const who of WHO) {
      const allowed = entry.allowed.includes(who);
      it(`${key} as ${who}: ${allowed ? "allowed" : "denied"}`, async () => {
        const fn = actions.get(key)!;
        const res = await runAs(who === "anonymous" ? null : user(who), () => fn(entry.input));
        if (allowed) expect([401, 403]).not.toContain(res.status);
        else {
          expect(res.ok).toBe(false);
          expect(res.status).toBe(who === "anonymous" ? 401 : 403);
          expect(Object.keys(res).sort()).toEqual(["error", "ok", "status"]); // nothing of the resource
        }
      });
    }
  }
});
