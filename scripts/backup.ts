// npm run backup [-- --out <file>]: the whole database (evidence files included: they are rows) in one file.
import path from "node:path";
import { dataDir } from "../lib/db/config";
import { createBackup } from "../lib/backup/backup";
import { withDatabase } from "./db-target";

const args = process.argv.slice(2);
const outIdx = args.indexOf("--out");
const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const out = path.resolve(outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1] : path.join(dataDir(), "backups", `egov-backup-${stamp}.tar.gz`));

withDatabase(async (url) => {
  const m = await createBackup({ url, outFile: out, log: console.log });
  const rows = m.tables.reduce((n, t) => n + t.rows, 0);
  const files = m.tables.find((t) => t.name === "evidence_chunk")?.rows ?? 0;
  console.log(`\n备份完成：${out}\n  ${m.tables.length} 张表，${rows} 行（其中佐证材料内容 ${files} 块）；迁移 ${m.migrations.length} 个`);
}).catch((e) => {
  console.error(`备份失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
