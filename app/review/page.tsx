import { Placeholder } from "@/components/shell/Placeholder";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "审核" };

export default async function Page() {
  await requirePage("review:read", { from: "/review" });
  return <Placeholder title="审核" description="审核佐证材料，录入监测发现的扣分，调整得分并说明理由。" />;
}
