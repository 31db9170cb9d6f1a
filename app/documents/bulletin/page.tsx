import Link from "next/link";
import { BulletinDocument } from "@/components/documents/Documents";
import { PrintButton } from "@/components/scorecard/PrintButton";
import { requirePage } from "@/lib/auth/guard";
import { getBulletinData } from "@/lib/documents";
import { ZEditionParam } from "@/lib/dashboard/query";

export const metadata = { title: "考核结果通报" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("documents:read", { unit: null, from: "/documents/bulletin" });
  const edition = ZEditionParam.parse((await searchParams).edition);
  const d = await getBulletinData(edition);
  return (
    <section>
      <div className="no-print mb-4 flex flex-wrap gap-3">
        <PrintButton />
        <a className="rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50" href={`/api/documents/bulletin${edition ? `?edition=${edition}` : ""}`} download>
          下载 Word
        </a>
        <Link className="px-2 py-2 text-brand-700 underline-offset-2 hover:underline" href="/documents">
          返回公文
        </Link>
      </div>
      <BulletinDocument d={d} />
    </section>
  );
}
