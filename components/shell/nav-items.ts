// The main navigation. Each entry names the route; issue 5 filters it by role.
export type NavItem = { href: string; label: string };

export const NAV_ITEMS: NavItem[] = [
  { href: "/indicators", label: "指标体系" },
  { href: "/self-assessment", label: "自评填报" },
  { href: "/review", label: "审核" },
  { href: "/dashboard", label: "排名看板" },
  { href: "/admin", label: "管理" },
];

export const PRODUCT_NAME = "电子政务绩效考核平台";
