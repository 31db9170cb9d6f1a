import { requirePage } from "@/lib/auth/guard";

// The gate runs here, above loading.tsx's Suspense boundary: a denial or a sign-in redirect
// is decided before the response starts streaming, so it keeps its HTTP status (403/307).
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requirePage("dashboard:read", { unit: null, from: "/dashboard" });
  return children;
}
