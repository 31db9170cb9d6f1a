import { Placeholder } from "@/components/shell/Placeholder";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "排名看板" };

export default async function Page() {
  await requirePage("dashboard:read", { from: "/dashboard" });
  return <Placeholder title="排名看板" description="按市直部门、县（市、区）分组查看排名、得分构成和失分原因。" />;
}
