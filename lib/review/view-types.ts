// What the review pages hand to their client components: plain, serialisable views
// (dates as ISO strings), never database rows. No React and no server code here.
import type { ReviewItemView } from "@/lib/assessment/item-view";

export const VERIFICATION_METHOD_LIST = ["自评上报", "网上核查", "现场检查", "在线监测", "日常监察"] as const;
export type MethodName = (typeof VERIFICATION_METHOD_LIST)[number];

export type SubmissionState = "none" | "submitted" | "reviewed";
export const SUBMISSION_LABELS: Record<SubmissionState, string> = { none: "未提交", submitted: "已提交", reviewed: "已审核" };

export type ItemStatusView = "empty" | "draft" | "submitted" | "returned" | "reviewed";
export const ITEM_STATUS_LABELS: Record<ItemStatusView, string> = {
  empty: "未填写",
  draft: "草稿（未提交）",
  submitted: "待审核",
  returned: "已退回，待单位修改",
  reviewed: "已审核",
};

export const GROUP_LABELS = { department: "市直部门", county: "县（市、区）", city: "全市" } as const;

/** ReviewEvent.action → what the history shows. */
export const EVENT_LABELS: Record<string, string> = {
  submit: "提交",
  resubmit: "修改后重新提交",
  accept: "通过",
  return: "退回",
  adjust: "调整",
  monitoring: "监测录入",
  "accept-as-submitted": "定稿时按提交内容确认",
  appeal: "单位申诉",
  "appeal-accept": "申诉成立",
  "appeal-reject": "申诉驳回",
};

/** The payload stored for an item (the engine's fact without unit/item/source). */
export type PayloadView = {
  value?: unknown;
  notApplicable?: { reason: string };
  conditions?: Record<string, boolean>;
  modifiers?: { code: string; reason: string }[];
  override?: { score: string | number; reason: string };
  note?: string;
};

export type ReviewEventView = { id: number; round: number; action: string; method: string | null; comment: string | null; actor: string | null; at: string };

/** Enough of an evidence row for the count and the inline preview (the shared panel lists the rest). */
export type EvidenceView = {
  id: string;
  name: string;
  /** PDF or image: can be previewed inline */
  previewable: "pdf" | "image" | null;
};

/** The reviewer's item card is built by the one item view builder (lib/assessment/item-view.ts). */
export type { ReviewItemView, ReviewLeafView } from "@/lib/assessment/item-view";
export type PenaltyView = { id: number; partCode: string; points: string; reason: string; createdAt: string; createdBy: string | null; revoked: boolean };

export type UnitReviewView = {
  editionId: number;
  editionName: string;
  unit: { code: string; name: string; group: "department" | "county" | "city" };
  submission: { state: SubmissionState; round: number; submittedAt: string | null; reviewedAt: string | null };
  parts: { code: string; name: string; final: boolean; allowPostPenalty: boolean; assessed: boolean }[];
  items: ReviewItemView[];
  unitEvents: ReviewEventView[];
  penalties: PenaltyView[];
};
