import { Placeholder } from "@/components/shell/Placeholder";

export const metadata = { title: "审核" };

export default function Page() {
  return <Placeholder title="审核" description="数字办审核各单位的自评，记录监测发现并调整得分。" />;
}
