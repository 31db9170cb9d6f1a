import { Placeholder } from "@/components/shell/Placeholder";

export const metadata = { title: "排名看板" };

export default function Page() {
  return <Placeholder title="排名看板" description="领导查看分组排名、得分构成和失分原因，并导出报表。" />;
}
