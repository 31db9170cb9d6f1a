// Why a unit's form can or cannot be edited right now. Pure: the caller passes the state.
export type LockReason = "not-open" | "deadline" | "submitted" | "reviewed" | "finalised" | "no-period";

export type LockState = { editable: true; deadline: Date | null; extendedUntil: Date | null } | { editable: false; reason: LockReason; message: string; deadline: Date | null };

export const LOCK_MESSAGES: Record<LockReason, string> = {
  "no-period": "管理员尚未开放本年度的自评填报",
  "not-open": "自评填报尚未开始",
  deadline: "已过填报截止时间，表单只读；如需补报，请联系管理员申请延期",
  submitted: "本单位已提交自评，等待审核；如需修改，请等待审核员退回",
  reviewed: "本单位自评已审核完成",
  finalised: "考核结果已定稿，如需修改须由管理员重新开放",
};

const fmt = (d: Date) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);

export function formatShanghai(d: Date): string {
  return fmt(d);
}

export function lockState(args: {
  now: Date;
  period: { opensAt: Date; deadline: Date } | null;
  extensionUntil: Date | null;
  submissionStatus: "draft" | "submitted" | "reviewed" | null;
  /** an item the reviewer returned reopens while the rest stay locked */
  itemReturned?: boolean;
  /** 定稿 is per part: the finalised part's name, for the message */
  finalised: boolean;
  partName?: string;
}): LockState {
  const { now, period } = args;
  const deadline = period?.deadline ?? null;
  const locked = (reason: LockReason, extra = "", prefix = ""): LockState => ({ editable: false, reason, message: prefix + LOCK_MESSAGES[reason] + extra, deadline });
  if (args.finalised) return locked("finalised", "", args.partName ? `“${args.partName}”` : "");
  if (!period) return locked("no-period");
  if (now < period.opensAt) return locked("not-open", `（开始时间 ${fmt(period.opensAt)}）`);
  const until = args.extensionUntil && args.extensionUntil > period.deadline ? args.extensionUntil : period.deadline;
  if (args.submissionStatus === "reviewed" && !args.itemReturned) return locked("reviewed");
  if (args.submissionStatus === "submitted" && !args.itemReturned) return locked("submitted");
  if (now > until) return locked("deadline", `（截止时间 ${fmt(until)}）`);
  return { editable: true, deadline: until, extendedUntil: args.extensionUntil };
}
