// What `npm start` puts into an empty (or older) database, idempotently: the units and
// every edition found under rules/.
import path from "node:path";
import { createDb } from "./db/prisma";
import { demoAccountsWanted, seedDemoUsers } from "./auth/demo-users";
import { loadDemoData } from "./demo";
import { demoAccountTable } from "./demo/guide";
import { ensureAuthSecret } from "./auth/secret";
import { importEdition } from "./rules/import";
import { listEditionDirs, loadEditionFromDir } from "./rules/load";

/** Demo data on an empty database: by default where demo accounts are wanted; DEMO_DATA=0 starts clean. */
export function demoDataWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DEMO_DATA === "0") return false;
  if (env.DEMO_DATA === "1") return true;
  return demoAccountsWanted(env);
}

/** Returns the session signing secret (see lib/auth/secret.ts). */
export async function seed(url: string, opts: { log?: (m: string) => void; rulesDir?: string } = {}): Promise<{ authSecret: string }> {
  const log = opts.log ?? (() => {});
  const db = createDb(url, 2);
  try {
    for (const dir of listEditionDirs(opts.rulesDir ?? path.resolve("rules"))) {
      const res = loadEditionFromDir(dir);
      if (!res.ok) {
        const first = res.errors.slice(0, 5).map((e) => `  ${e.file} ${e.path}: ${e.message}`).join("\n");
        throw new Error(`指标体系 ${dir} 校验失败（${res.errors.length} 个错误）：\n${first}`);
      }
      const out = await importEdition(db.prisma, res.edition);
      const label = { unchanged: "未变化", created: "已导入", replaced: "已更新", "new-version": "已导入为新版本" }[out.action];
      log(`[seed] 指标体系 ${out.key} v${out.version}：${label}`);
    }
    const created = await seedDemoUsers(db, log);
    const demo = demoDataWanted() ? await loadDemoData(url, log) : null; // skips itself once any fact exists
    // each account with its password and what to try (passwords appear only when created)
    for (const line of demoAccountTable(created, demo?.status === "loaded" ? demo.guide : null, { sharedPassword: Boolean(process.env.DEMO_PASSWORD) })) log(line);
    return { authSecret: await ensureAuthSecret(db) };
  } finally {
    await db.close();
  }
}
