import { notFound } from "next/navigation";
import { Scorecard } from "@/components/scorecard/Scorecard";
import { PageTitle } from "@/components/shell/PageTitle";
import { getUnitScope } from "@/lib/admin/coverage";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
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
  const user = await requirePage("dashboard:read", { unit: null, from: `/scorecards/${encodeURIComponent(code)}` });
  const { edition } = parseDashboardQuery(await searchParams);
  const page = await getScorecardPage(code, edition);
  if (!page) {
    // a unit the edition does not assess has no scorecard: say why instead of 404
    const scope = await getUnitScope(code);
    if (scope.kind !== "outside") notFound();
    return (
      <section>
        <PageTitle title={`${scope.unit.name}记分卡`} />
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-lg text-slate-700" data-testid="outside-edition">
          {scope.message}
        </p>
      </section>
    );
  }
  // internal codes help reviewers cross-check; leaders read names
  return <Scorecard page={page} edition={edition === page.meta.edition.id ? edition : undefined} showCodes={can(user.roles, "review:read")} />;
}
