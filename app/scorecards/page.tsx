import { ScorecardIndex } from "@/components/scorecard/ScorecardIndex";
import { requirePage } from "@/lib/auth/guard";
import { listScorecardUnits } from "@/lib/dashboard/data";
import { parseDashboardQuery } from "@/lib/dashboard/query";

export const metadata = { title: "记分卡" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("dashboard:read", { unit: null, from: "/scorecards" });
  const { edition } = parseDashboardQuery(await searchParams);
  return <ScorecardIndex data={await listScorecardUnits(edition)} edition={edition} />;
}
