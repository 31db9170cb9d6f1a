import { Dashboard } from "@/components/dashboard/Dashboard";
import { requirePage } from "@/lib/auth/guard";
import { getDashboard } from "@/lib/dashboard/data";

export const metadata = { title: "排名看板" };

// Filters (edition, part, group) are URL search params; every number is the engine's.
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("dashboard:read", { unit: null, from: "/dashboard" });
  return <Dashboard data={await getDashboard(await searchParams)} />;
}
