import { notFound } from "next/navigation";
import { UnitHistory } from "@/components/history/UnitHistory";
import { AppealsSection } from "@/components/scorecard/AppealsSection";
import { Scorecard } from "@/components/scorecard/Scorecard";
import { PageTitle } from "@/components/shell/PageTitle";
import { getUnitScope } from "@/lib/admin/coverage";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getScorecardPage } from "@/lib/dashboard/data";
import { getUnitHistory } from "@/lib/dashboard/history-data";
import { parseDashboardQuery } from "@/lib/dashboard/query";
import { appealableItems, getPublication, listAppeals, resultsReleased } from "@/lib/results/appeals";

type Props = { params: Promise<{ unitCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { unitCode } = await params;
  let code = unitCode;
  try {
    code = decodeURIComponent(unitCode);
  } catch {}
  return { title: `记分卡 ${code}` };
}

export default async function Page({ params, searchParams }: Props) {
  const { unitCode } = await params;
  let code: string;
  try {
    code = decodeURIComponent(unitCode);
  } catch {
    notFound();
  }
  const user = await requirePage("results:read", { unit: code, from: `/scorecards/${encodeURIComponent(code)}` });
  const staff = can(user.roles, "dashboard:read");
  const { edition } = parseDashboardQuery(await searchParams);
  const page = await getScorecardPage(code, staff ? edition : undefined);
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
  const editionId = page.meta.edition.id;
  if (!staff && !(await resultsReleased(editionId))) {
    // a unit's own staff see results once the office publishes them or a part is finalised
    return (
      <section>
        <PageTitle title={`${page.unit.name}记分卡`} />
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-lg text-slate-700" data-testid="results-not-released">
          本年度考核结果尚未公布。市数字办公布结果（或定稿）后，可在此查看本单位的得分、审核调整及理由，并在申诉期内提出申诉。
        </p>
      </section>
    );
  }
  const [publication, appeals, items, history] = await Promise.all([
    getPublication(editionId),
    listAppeals(editionId, code),
    can(user.roles, "appeal:write") ? appealableItems(editionId, code) : Promise.resolve([]),
    getUnitHistory(code, { releasedOnly: !staff }),
  ]);
  // internal codes help reviewers cross-check; leaders read names
  return (
    <>
      <Scorecard page={page} edition={staff && edition === editionId ? edition : undefined} showCodes={can(user.roles, "review:read")} forUnit={!staff} />
      <UnitHistory history={history} showCodes={can(user.roles, "review:read")} />
      <AppealsSection editionId={editionId} unitCode={code} publication={publication} appeals={appeals} items={items} canFile={can(user.roles, "appeal:write")} canDecide={can(user.roles, "review:write")} />
    </>
  );
}
