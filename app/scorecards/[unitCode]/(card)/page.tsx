import { notFound } from "next/navigation";
import { Scorecard } from "@/components/scorecard/Scorecard";
import { requirePage } from "@/lib/auth/guard";
import { getScorecardPage } from "@/lib/dashboard/data";
import { parseDashboardQuery } from "@/lib/dashboard/query";

type Props = { params: Promise<{ unitCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { unitCode } = await params;
  return { title: `记分卡 ${decodeURIComponent(unitCode)}` };
}

export default async function Page({ params, searchParams }: Props) {
  const { unitCode } = await params;
  const code = decodeURIComponent(unitCode);
  await requirePage("dashboard:read", { unit: null, from: `/scorecards/${encodeURIComponent(code)}` });
  const { edition } = parseDashboardQuery(await searchParams);
  const page = await getScorecardPage(code, edition);
  if (!page) notFound();
  return <Scorecard page={page} edition={edition === page.meta.edition.id ? edition : undefined} />;
}
