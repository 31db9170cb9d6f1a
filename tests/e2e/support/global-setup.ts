// Playwright globalSetup (runner process): the demo template service (support/demo-service.ts).
// Workers find it through E2E_DEMO_SERVICE; the returned function is the global teardown.
import { startDemoService } from "./demo-service";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const svc = await startDemoService();
  process.env.E2E_DEMO_SERVICE = svc.base;
  return svc.stop;
}
