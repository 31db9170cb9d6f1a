import { Placeholder } from "@/components/shell/Placeholder";

export const metadata = { title: "管理" };

export default function Page() {
  return <Placeholder title="管理" description="管理用户、单位、考核年度与填报期限。" />;
}
