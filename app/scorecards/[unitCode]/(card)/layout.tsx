import { requirePage } from "@/lib/auth/guard";

// The gate runs above loading.tsx's Suspense boundary so a denial keeps its HTTP status.
// (The unit's evidence page, outside this group, has its own gate: evidence:read.)
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ unitCode: string }> }) {
  const { unitCode } = await params;
  await requirePage("dashboard:read", { unit: null, from: `/scorecards/${unitCode}` });
  return children;
}
