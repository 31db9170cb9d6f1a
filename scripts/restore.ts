// npm run restore -- <file> [--force]: restores a backup made by `npm run backup`.
// Stop the app first. Without --force the target database must be empty.
import path from "node:path";
import { restoreBackup, RestoreError } from "../lib/backup/backup";
import { withDatabase } from "./db-target";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("用法：npm run restore -- <备份文件> [--force]");
  process.exit(2);
}

withDatabase(async (url) => {
  const m = await restoreBackup({ url, file: path.resolve(file), force: args.includes("--force"), log: console.log });
  console.log(`\n恢复完成：${m.tables.length} 张表（备份时间 ${m.createdAt}）`);
}).catch((e) => {
  console.error(`恢复失败：${e instanceof RestoreError ? e.message : e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
