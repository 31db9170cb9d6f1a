import { IndicatorsPage } from "@/components/indicators/IndicatorsPage";
import { requirePage } from "@/lib/auth/guard";
import { getIndicatorsPage } from "@/lib/indicators/data";

export const metadata = { title: "指标体系" };

// Not unit-scoped: every signed-in role that may read indicators sees the whole system.
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("indicators:read", { unit: null, from: "/indicators" });
  return <IndicatorsPage data={await getIndicatorsPage(user, await searchParams)} />;
}
