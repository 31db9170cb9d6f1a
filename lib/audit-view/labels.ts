// How the audit trail names its actions and groups them for filtering. Pure data.

export const ACTION_LABELS: Record<string, string> = {
  "fact.self.save": "自评保存",
  "submission.submit": "提交自评",
  "review.accept": "审核通过",
  "review.return": "退回",
  "review.adjust": "审核调整",
  "review.monitoring": "监测录入",
  "review.post_penalty": "加重扣分",
  "review.import": "批量导入监测发现",
  "results.finalise": "定稿",
  "results.reopen": "重新开放定稿",
  "period.open": "开放填报期",
  "period.update": "修改填报期",
  "period.extension.grant": "批准延期",
  "user.create": "新建用户",
  "user.create.demo": "创建演示账号",
  "user.update": "修改用户",
  "user.disable": "停用用户",
  "user.enable": "启用用户",
  "user.password.change": "修改密码",
  "user.password.reset": "重置密码",
  "user.import": "批量导入用户",
  "unit.create": "新建单位",
  "unit.rename": "单位更名",
  "unit.activate": "启用单位",
  "unit.deactivate": "停用单位",
  "signin.success": "登录成功",
  "signin.failure": "登录失败",
  "signin.disabled": "已停用账号尝试登录",
  "signin.throttled": "登录过于频繁被限制",
};

/** Filter groups by action prefix (the first one spans all the others about assessment data). */
export const ACTION_GROUPS = [
  { key: "changes", label: "考核数据的全部变更（不含账号与登录）", prefixes: ["fact.", "submission.", "review.", "results.", "period."] },
  { key: "fact", label: "自评数据", prefixes: ["fact."] },
  { key: "submission", label: "提交", prefixes: ["submission."] },
  { key: "review", label: "审核（通过、退回、调整、监测、加重扣分）", prefixes: ["review."] },
  { key: "results", label: "定稿与重新开放", prefixes: ["results."] },
  { key: "period", label: "填报期与延期", prefixes: ["period."] },
  { key: "account", label: "用户与单位", prefixes: ["user.", "unit."] },
  { key: "signin", label: "登录", prefixes: ["signin."] },
] as const;

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
