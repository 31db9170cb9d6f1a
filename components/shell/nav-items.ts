// The main navigation; each entry is shown only to roles whose permissions allow it.
import { can, type Action } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; action: Action; description: string };

export const NAV_ITEMS: NavItem[] = [
  { href: "/indicators", label: "指标体系", action: "indicators:read", description: "查看年度考核指标、分值计算规则、责任单位和政府网站栏目分解表。" },
  { href: "/self-assessment", label: "自评填报", action: "self:write", description: "填报本单位负责指标的自评情况，上传佐证材料并提交。" },
  { href: "/review", label: "审核", action: "review:read", description: "审核佐证材料，录入监测发现的扣分，调整得分并说明理由。" },
  { href: "/dashboard", label: "排名看板", action: "dashboard:read", description: "按市直部门、县（市、区）分组查看排名、得分构成和失分原因。" },
  { href: "/scorecards", label: "记分卡", action: "dashboard:read", description: "逐个单位查看记分卡：每项指标的得分、计算过程、佐证材料与审核记录，可打印或导出。" },
  { href: "/readings", label: "口径敏感性", action: "dashboard:read", description: "查看每个有歧义的口径若改用备选方案，哪些单位的总分和排名会变化。" },
  { href: "/editions", label: "考核版本", action: "editions:read", description: "各年度考核指标体系：复制为新年度、编辑草稿、对比差异、试算、发布，导入导出 Excel。" },
  { href: "/documents", label: "公文", action: "documents:read", description: "生成考核结果通报和各单位扣分说明及整改通知（Word 或打印为 PDF）。" },
  { href: "/admin", label: "管理", action: "admin:users", description: "管理用户与单位，设置填报期限和单位延期，重新开放已定稿的考核结果。" },
  { href: "/audit", label: "审计日志", action: "audit:read", description: "查看每一次数据、得分、状态和定稿变更的记录（谁、何时、从何处、改前改后、理由），可导出。" },
];

export function navFor(roles: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((i) => can(roles, i.action));
}

export const PRODUCT_NAME = "电子政务绩效考核平台";
