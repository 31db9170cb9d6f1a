import { HistoryPage } from "@/components/history/HistoryPage";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getUnitHistory, listHistoryUnits } from "@/lib/dashboard/history-data";
import { ZHistoryQuery } from "@/lib/dashboard/query";

export const metadata = { title: "历年对比" };

// 历年对比 from 排名看板: a separate route, so the dashboard's own page stays small.
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("dashboard:read", { unit: null, from: "/dashboard/history" });
  const units = await listHistoryUnits();
  const { unit } = ZHistoryQuery.parse(await searchParams);
  const chosen = units.find((u) => u.code === unit) ?? units[0] ?? null;
  const history = chosen ? await getUnitHistory(chosen.code) : null;
  return <HistoryPage units={units} chosen={chosen?.code ?? null} history={history} showCodes={can(user.roles, "review:read")} />;
}
