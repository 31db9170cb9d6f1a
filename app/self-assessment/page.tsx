import { Placeholder } from "@/components/shell/Placeholder";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "自评填报" };

export default async function Page() {
  await requirePage("self:write", { from: "/self-assessment" });
  return <Placeholder title="自评填报" description="填报本单位负责指标的自评情况，上传佐证材料并提交。" />;
}
