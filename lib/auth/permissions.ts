// Roles and what each may do: one table, read by every server-side check. An unknown role
// gets nothing. Unit-scoped actions are further limited to the user's own unit.
export const ROLES = ["filler", "reviewer", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  filler: "填报员",
  reviewer: "审核员",
  leader: "领导",
  admin: "管理员",
};

export const ACTIONS = [
  "indicators:read", // 指标体系
  "self:read", // 自评填报: own unit only
  "self:write",
  "evidence:read", // own unit for fillers; all for reviewers and leaders
  "review:read", // 审核
  "review:write",
  "dashboard:read", // 排名看板, scorecards, exports
  "results:read", // a unit's published 记分卡: own unit for fillers (once released); all for reviewers and leaders
  "appeal:write", // 申诉: a filler appeals an item of their own unit
  "audit:read",
  "admin:users", // 管理
  "admin:units",
  "admin:editions",
  "editions:read", // 考核版本 list, diff and 试算 (read-only for reviewers)
  "messages:read", // 消息中心: one's own messages
  "messages:remind", // 催报
  "documents:read", // 考核结果通报, 扣分说明/整改通知
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  filler: ["indicators:read", "self:read", "self:write", "evidence:read", "results:read", "appeal:write", "messages:read"],
  reviewer: ["indicators:read", "evidence:read", "review:read", "review:write", "dashboard:read", "results:read", "audit:read", "editions:read", "messages:read", "messages:remind", "documents:read"],
  leader: ["indicators:read", "evidence:read", "dashboard:read", "results:read", "messages:read", "documents:read"],
  admin: ["indicators:read", "admin:users", "admin:units", "admin:editions", "audit:read", "editions:read", "messages:read"],
};

/** Actions that touch one unit's data: a filler may do them for their own unit only. */
export const UNIT_SCOPED_FOR_FILLER: readonly Action[] = ["self:read", "self:write", "evidence:read", "results:read", "appeal:write"];

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

export function can(roles: readonly string[], action: Action): boolean {
  return roles.some((r) => isRole(r) && PERMISSIONS[r].includes(action));
}

/**
 * May a user with these roles (and unit) do `action` on a resource owned by `resourceUnit`?
 * Reviewers and leaders see every unit; a filler only their own.
 */
export function canOnUnit(user: { roles: readonly string[]; unitCode: string | null }, action: Action, resourceUnit: string | null): boolean {
  const allowedBy = user.roles.filter((r): r is Role => isRole(r) && PERMISSIONS[r].includes(action));
  if (allowedBy.length === 0) return false;
  if (allowedBy.some((r) => r !== "filler")) return true;
  if (!UNIT_SCOPED_FOR_FILLER.includes(action)) return true;
  return resourceUnit !== null && user.unitCode === resourceUnit;
}
