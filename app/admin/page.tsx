import { Placeholder } from "@/components/shell/Placeholder";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "管理" };

export default async function Page() {
  await requirePage("admin:users", { from: "/admin" });
  return <Placeholder title="管理" description="管理用户、单位、考核年度与填报期限。" />;
}
