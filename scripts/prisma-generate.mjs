// Generates the Prisma client (lib/generated/prisma) after `npm ci`.
// `prisma generate` tries to download the native schema engine, which this network does
// not allow; pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable skips that download.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let prismaCli;
try {
  prismaCli = require.resolve("prisma/build/index.js");
} catch {
  console.log("[prisma-generate] prisma CLI not installed; skipping");
  process.exit(0);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync("/bin/true") ? "/bin/true" : process.execPath;
const r = spawnSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
