import { Placeholder } from "@/components/shell/Placeholder";

export const metadata = { title: "自评填报" };

export default function Page() {
  return <Placeholder title="自评填报" description="各单位填报自评、上传佐证材料并提交。" />;
}
