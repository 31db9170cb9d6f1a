import { notFound } from "next/navigation";
import { EvidenceList } from "@/components/scorecard/EvidenceList";
import { requirePage } from "@/lib/auth/guard";
import { getUnitEvidence } from "@/lib/dashboard/data";

export const metadata = { title: "佐证材料" };

type Props = { params: Promise<{ unitCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// A unit's evidence (optionally one item's): evidence:read on that unit, so a 填报员 sees
// only their own unit's. Demo data's placeholder links point here.
export default async function Page({ params, searchParams }: Props) {
  const code = decodeURIComponent((await params).unitCode);
  await requirePage("evidence:read", { unit: code, from: `/scorecards/${encodeURIComponent(code)}/evidence` });
  const item = (await searchParams).item;
  const data = await getUnitEvidence(code, typeof item === "string" && /^[A-Za-z0-9._-]{1,128}$/.test(item) ? item : undefined);
  if (!data) notFound();
  return <EvidenceList data={data} />;
}
