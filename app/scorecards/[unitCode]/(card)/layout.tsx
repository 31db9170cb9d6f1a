import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";

// The gate runs above loading.tsx's Suspense boundary so a denial keeps its HTTP status.
// results:read on the unit: reviewers and leaders see every unit, a 填报员 only their own
// (and the page shows it only once the results are released). (The unit's evidence page,
// outside this group, has its own gate: evidence:read.)
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ unitCode: string }> }) {
  const { unitCode } = await params;
  let code: string;
  try {
    code = decodeURIComponent(unitCode);
  } catch {
    notFound();
  }
  await requirePage("results:read", { unit: code, from: `/scorecards/${unitCode}` });
  return children;
}
