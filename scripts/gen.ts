// npm run gen -- --units N [--seed S]: a synthetic edition with N units and a full year of
// data, loaded into this installation's database (DATABASE_URL or the embedded one).
// Start the app with EDITION=<printed key> to show it by default.
import { createDb } from "../lib/db/prisma";
import { migrate } from "../lib/db/migrate";
import { loadEditionOrThrow } from "../lib/rules/load";
import { loadSynthetic } from "../lib/synthetic/load";
import { withDatabase } from "./db-target";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const units = Number(arg("--units") ?? "100");
const seed = Number(arg("--seed") ?? "2017");
if (!Number.isInteger(units) || units < 1 || units > 100_000) {
  console.error("用法：npm run gen -- --units N（1–100000）[--seed S]");
  process.exit(2);
}

withDatabase(async (url) => {
  await migrate(url);
  const db = createDb(url, 4);
  try {
    const r = await loadSynthetic(db, loadEditionOrThrow("rules/sanming-2017"), units, { seed, log: console.log });
    console.log(`\n完成：规则版本 ${r.editionKey}（id ${r.editionId}）。用 EDITION=${r.editionKey} npm start 可默认显示该数据。`);
  } finally {
    await db.close();
  }
}).catch((e) => {
  console.error(`生成失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
