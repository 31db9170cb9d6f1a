// Demo data for a first start: loadDemoData(url, log) fills an empty database with a
// complete, plausible 2017 edition (see generate.ts for what, apply.ts for how). It runs in
// a child process (cli.ts) so the server-only workflow modules and their database pool
// stay out of the calling process.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoLoadResult } from "./apply";

export type { DemoLoadResult };

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

/**
 * Load the demo data into the database at `url` unless it already has item facts.
 * Resolves with what happened; rejects when the loader fails (with its error output).
 */
export function loadDemoData(url: string, log: (m: string) => void = () => {}, opts: { editionKey?: string; seed?: number } = {}): Promise<DemoLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "cli.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        DB_POOL_MAX: "8",
        DEMO_EDITION_KEY: opts.editionKey ?? "",
        DEMO_SEED: opts.seed !== undefined ? String(opts.seed) : "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let result: DemoLoadResult | undefined;
    let stderr = "";
    let buffered = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("@@demo-result ")) result = JSON.parse(line.slice("@@demo-result ".length)) as DemoLoadResult;
        else if (line.trim()) log(line);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 && result) {
        log(result.status === "loaded" ? `[demo] 演示数据已生成：${result.facts} 条填报/审核数据，用时 ${(result.ms / 1000).toFixed(1)} 秒` : `[demo] 跳过演示数据：${result.reason}`);
        resolve(result);
      } else {
        reject(new Error(`演示数据生成失败（退出码 ${code}）：\n${stderr.trim()}`));
      }
    });
  });
}
