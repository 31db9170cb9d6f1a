import { requirePage } from "@/lib/auth/guard";

// The gate runs here, above loading.tsx's Suspense boundary: a sign-in redirect is decided
// before the response starts streaming, so it keeps its HTTP status (307).
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requirePage("indicators:read", { unit: null, from: "/indicators" });
  return children;
}
