import { Placeholder } from "@/components/shell/Placeholder";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "指标体系" };

export default async function Page() {
  await requirePage("indicators:read", { from: "/indicators" });
  return <Placeholder title="指标体系" description="查看年度考核指标、分值计算规则、责任单位和政府网站栏目分解表。" />;
}
