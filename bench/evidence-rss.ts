// npm run bench:evidence-rss: how much a 20 MB evidence upload and download grow the web
// worker's resident memory, now that contents stream into and out of PostgreSQL chunk by
// chunk. Starts an embedded PostgreSQL and one production instance (WEB_CONCURRENCY=1, so
// the measured process is the one serving), warms the routes up with a small file, then
// samples the server's VmRSS every 20 ms through a 20 MB upload and its download.
// Prints baseline, peak and growth; docs/benchmarks.md records the figures.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startEmbedded } from "../lib/db/embedded";
import { freePort } from "../tests/setup/pg";
import { openPeriod, sessionCookie, startApp, stopApp, tmpDir } from "../tests/e2e/support/server";

const MB = 1024 * 1024;
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

function pdfOf(bytes: number): Buffer {
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) body[i] = (i * 2654435761) >>> 24; // incompressible, like real scans
  return Buffer.concat([Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"), body, Buffer.from("\n%%EOF\n")]);
}

async function main() {
  const dir = tmpDir("egov-rss-");
  const db = await startEmbedded({ dataDir: dir, pgDir: path.join(dir, "pg"), port: await freePort(), log: () => {} });
  const app = await startApp({ DATABASE_URL: db.url, DATA_DIR: path.join(dir, "app"), NEXTAUTH_SECRET: "", WEB_CONCURRENCY: "1" });
  try {
    const pid = app.proc.pid!;
    const editionId = await openPeriod(db.url);
    const cookie = await sessionCookie(app.base, "county");
    let mark = () => {};
    const roundTrip = async (file: Buffer) => {
      const form = new FormData();
      form.set("editionId", String(editionId));
      form.set("unitCode", "county-sanyuan");
      form.set("itemCode", "p1.xxh.sphy.tsdm");
      form.set("file", new Blob([new Uint8Array(file)]), "会议记录.pdf");
      const t0 = performance.now();
      const up = await fetch(`${app.base}/api/evidence`, { method: "POST", body: form, headers: { cookie } });
      if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
      const t1 = performance.now();
      mark();
      const { evidence } = (await up.json()) as { evidence: { id: string } };
      const down = await fetch(`${app.base}/api/evidence/${evidence.id}`, { headers: { cookie } });
      let got = 0;
      const reader = down.body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) got += r.value.byteLength;
      if (got !== file.length) throw new Error(`download: ${got} of ${file.length} bytes`);
      return { uploadMs: t1 - t0, downloadMs: performance.now() - t1 };
    };
    // warm-up: routes compiled and loaded, pools open
    for (let i = 0; i < 3; i++) await roundTrip(pdfOf(1 * MB));
    await new Promise((r) => setTimeout(r, 1000));
    const big = pdfOf(20 * MB - 64 * 1024);
    const baseline = rssOf(pid);
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
    let uploadPeak = 0;
    mark = () => {
      uploadPeak = Math.max(peak, rssOf(pid));
    };
    const times = await roundTrip(big);
    clearInterval(timer);
    peak = Math.max(peak, rssOf(pid));
    const fmt = (b: number) => `${(b / MB).toFixed(1)} MB`;
    console.log(`file ${fmt(big.length)}: upload ${times.uploadMs.toFixed(0)} ms, download ${times.downloadMs.toFixed(0)} ms`);
    console.log(`worker RSS: baseline ${fmt(baseline)}, peak ${fmt(peak)}, growth ${fmt(peak - baseline)} (by the end of the upload ${fmt(uploadPeak - baseline)})`);
  } finally {
    await stopApp(app);
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
