import Link from "next/link";
import { NAV_ITEMS, PRODUCT_NAME } from "@/components/shell/nav-items";

const DESCRIPTIONS: Record<string, string> = {
  "/indicators": "查看年度考核指标、分值计算规则、责任单位和政府网站栏目分解表。",
  "/self-assessment": "市直部门和县（市、区）填报本单位负责指标的自评情况并上传佐证材料。",
  "/review": "数字办审核佐证材料，录入监测发现的扣分，调整得分并说明理由。",
  "/dashboard": "按市直部门、县（市、区）分组查看排名、得分构成和失分原因。",
  "/admin": "管理用户、单位、考核年度与填报期限。",
};

export default function HomePage() {
  return (
    <section>
      <h1 className="text-3xl font-bold text-brand-800">{PRODUCT_NAME}</h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">
        依据年度电子政务绩效考核指标，完成自评上报、网上核查、现场检查、在线监测与结果排名的全过程管理。
      </p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {NAV_ITEMS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow"
            >
              <span className="text-lg font-semibold text-brand-700">{item.label}</span>
              <span className="mt-2 block text-slate-600">{DESCRIPTIONS[item.href]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
