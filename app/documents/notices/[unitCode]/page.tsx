import Link from "next/link";
import { NoticeDocument } from "@/components/documents/Documents";
import { PrintButton } from "@/components/scorecard/PrintButton";
import { requirePage } from "@/lib/auth/guard";
import { getNoticeData } from "@/lib/documents";
import { ZEditionParam } from "@/lib/dashboard/query";
import { UserError } from "@/lib/auth/guard";
import { notFound } from "next/navigation";

export const metadata = { title: "扣分说明及整改通知" };

export default async function Page({ params, searchParams }: { params: Promise<{ unitCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { unitCode } = await params;
  await requirePage("documents:read", { unit: null, from: `/documents/notices/${encodeURIComponent(unitCode)}` });
  const edition = ZEditionParam.parse((await searchParams).edition);
  const d = await getNoticeData(unitCode, edition).catch((e) => {
    if (e instanceof UserError && e.status === 404) notFound();
    throw e;
  });
  return (
    <section>
      <div className="no-print mb-4 flex flex-wrap gap-3">
        <PrintButton />
        <a className="rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50" href={`/api/documents/notices/${encodeURIComponent(unitCode)}${edition ? `?edition=${edition}` : ""}`} download>
          下载 Word
        </a>
        <Link className="px-2 py-2 text-brand-700 underline-offset-2 hover:underline" href="/documents">
          返回公文
        </Link>
      </div>
      <NoticeDocument d={d} />
    </section>
  );
}
