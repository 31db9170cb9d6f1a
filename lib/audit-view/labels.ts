// How the audit trail names its actions and groups them for filtering. Pure data.

export const ACTION_LABELS: Record<string, string> = {
  "fact.self.save": "自评保存",
  "submission.submit": "提交自评",
  "review.accept": "审核通过",
  "review.return": "退回",
  "review.adjust": "审核调整",
  "review.monitoring": "监测录入",
  "review.monitoring.undo": "撤销监测录入",
  "review.post_penalty": "加重扣分",
  "review.import": "批量导入监测发现",
  "review.deadline_records": "工作日期限记录",
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
  "user.password.failure": "修改密码时原密码错误",
  "user.password.throttled": "修改密码尝试过多被限制",
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
  "evidence.upload": "上传佐证材料",
  "evidence.link.add": "添加佐证链接",
  "evidence.delete": "删除佐证材料",
};

/** The fields audit rows record (before/after), as the 审计日志 page names them. */
export const FIELD_LABELS: Record<string, string> = {
  workdays: "期限（工作日）",
  records: "期限记录",
  version: "版本",
  status: "状态",
  round: "轮次",
  method: "核查方式",
  value: "填报值",
  notApplicable: "不适用",
  conditions: "前提条件",
  modifiers: "加分/减分项",
  override: "核定得分",
  note: "备注",
  payload: "填报内容",
  partCode: "考核部分",
  points: "扣分",
  acceptedAsSubmitted: "按提交内容确认的单位",
  resubmittedItems: "重新提交的指标",
  active: "有效",
  opensAt: "开始时间",
  deadline: "截止时间",
  until: "延期至",
  reason: "理由",
  file: "文件",
  findings: "条数",
  // evidence
  kind: "类型",
  fileName: "文件名",
  mimeType: "文件格式",
  sizeBytes: "文件大小",
  sha256: "文件校验值（SHA-256）",
  url: "链接",
  title: "标题",
  coversFrom: "覆盖期自",
  coversTo: "覆盖期至",
  deletedAt: "删除时间",
  // users and units
  username: "用户名",
  displayName: "姓名",
  roles: "角色",
  unitCode: "所属单位",
  disabled: "已停用",
  mustChangePassword: "须修改初始密码",
  code: "单位代码",
  name: "名称",
  group: "分组",
  aliases: "别名",
};

/** What an audit row is about (entity_type). */
export const ENTITY_LABELS: Record<string, string> = {
  deadline_record: "工作日期限记录",
  assessment_period: "填报期",
  evidence: "佐证材料",
  item_fact: "指标数据",
  monitoring_import: "监测导入文件",
  period_extension: "单位延期",
  post_penalty: "加重扣分",
  result_finalisation: "定稿记录",
  unit: "单位",
  unit_submission: "单位提交",
  user: "用户",
};

export function entityLabel(type: string): string {
  return ENTITY_LABELS[type] ?? type;
}

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

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
