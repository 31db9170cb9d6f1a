// Playwright globalSetup (runner process): the demo template service (support/demo-service.ts).
// Workers find it through E2E_DEMO_SERVICE; the returned function is the global teardown.
// E2E_DEMO_EAGER=1 (scripts/test.sh: the whole suite) starts generating the demo data at
// once, beside the first specs, instead of when the first spec that needs it asks.
import { startDemoService } from "./demo-service";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const svc = await startDemoService({ eager: process.env.E2E_DEMO_EAGER === "1" });
  process.env.E2E_DEMO_SERVICE = svc.base;
  return svc.stop;
}
