import { notFound } from "next/navigation";
import { ItemPage } from "@/components/self-assessment/ItemPage";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { loadItemPage } from "../../data";

export const metadata = { title: "指标自评" };

export default async function Page({ params }: { params: Promise<{ unitCode: string; itemCode: string }> }) {
  const p = await params;
  const unitCode = decodeURIComponent(p.unitCode);
  const itemCode = decodeURIComponent(p.itemCode);
  await requirePage("self:read", { unit: unitCode, from: `/self-assessment/${unitCode}/${itemCode}` });
  const data = await loadItemPage(unitCode, itemCode);
  if (data.kind === "not-found") notFound();
  if (data.kind === "no-edition") {
    return (
      <section>
        <PageTitle title="指标自评" />
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-lg text-slate-700">尚未导入考核年度的指标体系。</p>
      </section>
    );
  }
  return <ItemPage data={data} />;
}
