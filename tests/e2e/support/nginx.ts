// Debian's nginx in front of app instances, from scripts/nginx/egov.conf.template (the
// file docs/deploy.md gives to IT staff), under its own temp prefix, as an unprivileged
// user (nobody when the tests run as root). Used by tests/e2e/nginx.spec.ts and bench/load.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../setup/pg";
import { tmpDir, trackProcess } from "./server";

const NGINX = "/usr/sbin/nginx";
const TEMPLATE = path.resolve(import.meta.dirname, "../../../scripts/nginx/egov.conf.template");
const NOBODY = 65534;

export type Nginx = { proc: ChildProcess; prefix: string; base: string; accessLog: () => string };

export function renderNginxConf(prefix: string, listen: string, upstreamPorts: number[]): string {
  return readFileSync(TEMPLATE, "utf8")
    .replaceAll("{{PREFIX}}", prefix)
    .replaceAll("{{LISTEN}}", listen)
    .replaceAll("{{UPSTREAMS}}", upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n        "));
}

export async function startNginx(upstreamPorts: number[]): Promise<Nginx> {
  const prefix = tmpDir("egov-nginx-");
  const port = await freePort();
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(conf, renderNginxConf(prefix, `127.0.0.1:${port}`, upstreamPorts));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chownSync(prefix, NOBODY, NOBODY);
    chownSync(conf, NOBODY, NOBODY);
  }
  let out = "";
  const proc = spawn(NGINX, ["-p", prefix, "-e", path.join(prefix, "error.log"), "-c", conf, "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  trackProcess(proc);
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const base = `http://127.0.0.1:${port}`;
  const errorLog = () => {
    try {
      return readFileSync(path.join(prefix, "error.log"), "utf8");
    } catch {
      return "";
    }
  };
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}): ${out}\n${errorLog()}`);
    try {
      const r = await fetch(`${base}/api/health`);
      await r.text();
      if (r.status === 200) return { proc, prefix, base, accessLog: () => readFileSync(path.join(prefix, "access.log"), "utf8") };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill("SIGKILL");
  throw new Error(`nginx did not come up: ${out}\n${errorLog()}`);
}

export async function stopNginx(n: Nginx): Promise<void> {
  if (n.proc.exitCode === null) {
    const done = new Promise((r) => n.proc.once("exit", r));
    n.proc.kill("SIGQUIT"); // graceful: finish the requests in flight
    const t = setTimeout(() => n.proc.kill("SIGKILL"), 10_000);
    await done;
    clearTimeout(t);
  }
  rmSync(n.prefix, { recursive: true, force: true });
}
