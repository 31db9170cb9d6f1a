import Link from "next/link";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { listScorecardUnits } from "@/lib/dashboard/data";

export const metadata = { title: "公文" };

const link = "text-brand-700 underline-offset-2 hover:underline";

export default async function Page() {
  await requirePage("documents:read", { unit: null, from: "/documents" });
  const units = ((await listScorecardUnits())?.units ?? []).filter((u) => u.group !== "city");
  return (
    <section>
      <PageTitle title="公文" subtitle="由考核结果生成的正式文书：可在线查看、打印或另存为 PDF，也可下载 Word 文档后编辑、加文号。" />
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">考核结果通报</h2>
        <p className="mt-1 text-slate-600">标题、文号占位、总体情况、分组排名表、各单位总分和评分口径说明。</p>
        <p className="mt-3 flex gap-4">
          <Link className={link} href="/documents/bulletin">
            查看 / 打印（PDF）
          </Link>
          <a className={link} href="/api/documents/bulletin" download data-testid="bulletin-docx">
            下载 Word（.docx）
          </a>
        </p>
      </section>
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">单位扣分说明及整改通知</h2>
        <p className="mt-1 text-slate-600">每个单位一份：列出未得满分的每项指标、扣分原因（计算过程）和整改要求。</p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {units.map((u) => (
            <li key={u.code}>
              {u.name}：
              <Link className={link} href={`/documents/notices/${encodeURIComponent(u.code)}`}>
                查看
              </Link>
              {" · "}
              <a className={link} href={`/api/documents/notices/${encodeURIComponent(u.code)}`} download>
                Word<span className="sr-only">（{u.name}）</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
