// What the self-assessment pages hand to their client components: plain, serialisable
// views (dates as ISO strings), never database rows.
// The item itself is the one item view of lib/assessment/item-view.ts (ItemView).
import type { ItemView } from "@/lib/assessment/item-view";

/** 未填写 / 草稿 / 已提交 / 已退回 / 已审核 (不适用 is shown beside it, from the payload). */
export type ItemStatus = "empty" | "draft" | "submitted" | "returned" | "reviewed";

export const STATUS_LABELS: Record<ItemStatus, string> = {
  empty: "未填写",
  draft: "草稿",
  submitted: "已提交",
  returned: "已退回",
  reviewed: "已审核",
};

export const ROLE_LABELS = { lead: "牵头", cooperate: "配合" } as const;

/** The engine's score for one item, as the form shows it. */
export type ScoreView = {
  state: "scored" | "not-entered" | "not-applicable";
  /** display value (2 places), null unless scored */
  score: string | null;
  max: string;
  bonus: string;
  penalty: string;
  /** how the score was computed, built by the engine */
  trace: string[];
  naReason: string | null;
  /** the effective score came from the reviewer's facts */
  reviewed: boolean;
};

/** The payload a unit stores for an item (the engine's fact without unit/item/source). */
export type Payload = {
  value?: unknown;
  notApplicable?: { reason: string };
  conditions?: Record<string, boolean>;
  modifiers?: { code: string; reason: string }[];
  note?: string;
};

export type LockView = { editable: true } | { editable: false; message: string };

export type StoredView = {
  payload: Payload;
  version: number;
  status: Exclude<ItemStatus, "empty">;
  returnComment: string | null;
  updatedAt: string;
  updatedBy: string | null;
};

/** One row of 我的填报. */
export type ItemRow = {
  code: string;
  name: string;
  /** part name first, then pathNames (一级 → 二级 → leaf) */
  path: string[];
  role: "lead" | "cooperate";
  status: ItemStatus;
  notApplicable: boolean;
  score: ScoreView;
  lock: LockView;
  /** the unit fills this item in (editable, not reviewer-rated): counts in the progress */
  counted: boolean;
  /** counted and still not entered */
  missing: boolean;
  ratedByReviewer: boolean;
  returnComment: string | null;
  evidenceCount: number;
  updatedAt: string | null;
};

export type MissingView = { code: string; name: string; pathNames: string[] };

export type ConflictView = { payload: Payload; version: number; updatedAt: string; updatedBy: string | null };

/** The self-assessment period as a unit sees it (times formatted in Beijing time). */
export type PeriodInfo = {
  opensAt: string;
  opensAtText: string;
  /** the deadline that applies to this unit (its extension when later) */
  deadline: string;
  deadlineText: string;
  extension: { untilText: string; reason: string } | null;
  state: "not-open" | "open" | "closed";
};

/** What the unit's item page renders (loaded by app/self-assessment/data.ts). */
export type ItemPageData =
  | { kind: "no-edition" }
  | { kind: "not-found" }
  | {
      kind: "ok";
      edition: { id: number; name: string };
      unit: { code: string; name: string };
      period: PeriodInfo | null;
      leaf: ItemView;
      row: ItemRow;
      stored: StoredView | null;
      score: ScoreView;
      lock: LockView;
      /** this unit only views a city-level item its lead units keep */
      viewOnly: boolean;
    };
