import { Placeholder } from "@/components/shell/Placeholder";

export const metadata = { title: "指标体系" };

export default function Page() {
  return <Placeholder title="指标体系" description="年度考核指标树、分值规则与责任单位。" />;
}
