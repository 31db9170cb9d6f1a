import "server-only";
// The mark that the results on screen are demo data (set by lib/demo/apply.ts).
import { z } from "zod";
import { getDb } from "../db/client";
import { rows } from "../db/sql";

export const DEMO_SETTING = "demo_data";

const ZValue = z.object({ value: z.string() });

/** Is the data shown demo data? (app_setting demo_data = "1"). Read by every results page:
 *  typed SQL (docs/architecture.md "Typed SQL"). */
export async function isDemoData(): Promise<boolean> {
  const [row] = await rows(getDb().pool, ZValue, `SELECT value FROM app_setting WHERE key = $1`, [DEMO_SETTING]);
  return row?.value === "1";
}
