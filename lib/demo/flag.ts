import "server-only";
// The mark that the results on screen are demo data (set by lib/demo/apply.ts).
import { getPrisma } from "../db/client";

export const DEMO_SETTING = "demo_data";

/** Is the data shown demo data? (app_setting demo_data = "1") */
export async function isDemoData(): Promise<boolean> {
  const row = await getPrisma().appSetting.findUnique({ where: { key: DEMO_SETTING }, select: { value: true } });
  return row?.value === "1";
}
