// A real load balancer: Debian's nginx (round robin, no sticky sessions), rendered from
// scripts/nginx/egov.conf.template — the file docs/deploy.md gives to IT staff — in front
// of two instances of the production build on one PostgreSQL. The test starts and tears
// down its own database, instances and nginx (run as an unprivileged user under a temp
// prefix). It shows: evidence uploaded through one instance is downloaded and previewed
// from the other; two users on different instances get the conflict dialog; and during a
// burst of saves from many sessions one instance is SIGKILLed (with an upload in the middle
// of its transaction, which leaves nothing) and restarted while nginx routes around it, with
// every acknowledged save in the database and the audit trail.
// The restarted instance finds an old install's DATA_DIR/evidence and moves it into the
// database on start (logged), after which neither instance has a file under its DATA_DIR
// (they run with DATABASE_URL).
import { expect, test } from "@playwright/test";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { signIn } from "./support/auth";
import { evidenceForm, fillerPdf } from "../support/evidence-upload";
import { startNginx, stopNginx, type Nginx } from "./support/nginx";
import { freshDatabase } from "./support/db";
import { openPeriod, sessionCookie, startApp, stopApp, stopStarted, tmpDir, type Server } from "./support/server";

test.describe.configure({ mode: "serial", timeout: 420_000 });

const ITEM = "p1.xxh.sphy.tsdm"; // 视频会议 调度点名: every county reports it
const COUNTIES = ["county-datian", "county-jiangle", "county-jianning", "county-meilie", "county-mingxi", "county-ninghua", "county-qingliu", "county-shaxian", "county-taining", "county-yongan", "county-youxi"];

/** The upstream that served the access-log line matching `needle` (the last one). */
function upstreamOf(n: Nginx, needle: string): string {
  const line = n.accessLog().split("\n").filter((l) => l.includes(needle)).pop() ?? "";
  return /upstream=(\S+)/.exec(line)?.[1] ?? "";
}

/** nginx writes a request's log line just after its last byte: poll for it (10 s at most). */
async function loggedUpstream(n: Nginx, needle: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const u = upstreamOf(n, needle);
    if (u) return u;
    await new Promise((r) => setTimeout(r, 100));
  }
  return upstreamOf(n, needle);
}

/**
 * An evidence upload to `base` that sends three chunks' worth of the file and then stalls (the
 * rest never comes), as a slow client would; settles when the connection ends.
 */
function stalledUpload(base: string, cookie: string, editionId: number): Promise<unknown> {
  const boundary = "----egovKilledMidUpload";
  const fields = { editionId: String(editionId), unitCode: "county-sanyuan", itemCode: ITEM };
  const head =
    Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="中断上传.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return new Promise<void>(() => {}); // stalls
      sent = true;
      controller.enqueue(new Uint8Array(Buffer.concat([Buffer.from(head), fillerPdf(3 * 256 * 1024 + 1000, 0x44)])));
    },
  });
  const init = { method: "POST", body, duplex: "half", headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` } };
  return fetch(`${base}/api/evidence`, init as RequestInit).then(
    (r) => r.status,
    (e: Error) => e.message,
  );
}

/** Backends whose transaction is in the middle of an upload (chunks written, not committed). */
async function uploadsInFlight(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO evidence_chunk%'`);
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
}

function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];
}

let db: { url: string; stop: () => Promise<void> };
let a: Server;
let b: Server;
let lb: Nginx;
let editionId: number;
const dataDirs: string[] = [];
const appEnv = (dataDir: string) => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, NEXTAUTH_SECRET: "", TRUSTED_PROXIES: "127.0.0.1", WEB_CONCURRENCY: "1" });

test.beforeAll(async () => {
  db = await freshDatabase("e2e_nginx"); // on the worker's shared PostgreSQL
  dataDirs.push(tmpDir("egov-lb-a-"), tmpDir("egov-lb-b-"));
  a = await startApp(appEnv(dataDirs[0]));
  b = await startApp(appEnv(dataDirs[1]));
  lb = await startNginx([a.port, b.port]);
  editionId = await openPeriod(db.url);
  // one 填报员 per county for the burst, with the demo password
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  for (const unit of COUNTIES) {
    await c.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, unit_code, must_change_password, updated_at)
       SELECT $1, $2, password_hash, roles, $3, false, now() FROM app_user WHERE username = 'county' ON CONFLICT (username) DO NOTHING`,
      [`lb-${unit}`, `${unit} 填报员`, unit],
    );
  }
  await c.end();
});

test.afterAll(async () => {
  if (lb) await stopNginx(lb);
  for (const s of [a, b]) if (s) await stopApp(s);
  await db?.stop();
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

test("evidence uploaded through one instance is downloaded and previewed from the other", async () => {
  const cookie = await sessionCookie(lb.base, "county");
  const pdf = fillerPdf(700_000);
  const form = evidenceForm({ editionId, unitCode: "county-sanyuan", itemCode: ITEM }, pdf, "跨实例会议记录.pdf");
  const up = await fetch(`${lb.base}/api/evidence?via=upload`, { method: "POST", body: form, headers: { cookie } });
  expect(up.status).toBe(201);
  const { evidence } = (await up.json()) as { evidence: { id: string } };
  const uploadedOn = await loggedUpstream(lb, "via=upload");
  expect([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]).toContain(uploadedOn);

  // round robin: within a few requests the other instance serves the download and the preview
  const servedBy = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const down = await fetch(`${lb.base}/api/evidence/${evidence.id}?try=${i}`, { headers: { cookie } });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(pdf)).toBe(true);
    const preview = await fetch(`${lb.base}/api/evidence/${evidence.id}?inline=1&try=${i}`, { headers: { cookie } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(Buffer.from(await preview.arrayBuffer()).equals(pdf)).toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    servedBy.add(await loggedUpstream(lb, `?try=${i} `));
    servedBy.add(await loggedUpstream(lb, `?inline=1&try=${i} `));
  }
  const other = uploadedOn === `127.0.0.1:${a.port}` ? `127.0.0.1:${b.port}` : `127.0.0.1:${a.port}`;
  expect(servedBy).toContain(other);

  // a file at the 20 MB limit streams through nginx (client_max_body_size, no request
  // buffering) into the database and back out through the other instance
  const big = fillerPdf(20 * 1024 * 1024 - 64 * 1024, 0x43);
  const bigUp = await fetch(`${lb.base}/api/evidence?via=big`, { method: "POST", body: evidenceForm({ editionId, unitCode: "county-sanyuan", itemCode: ITEM }, big, "全年会议记录.pdf"), headers: { cookie } });
  expect(bigUp.status).toBe(201);
  const bigId = ((await bigUp.json()) as { evidence: { id: string } }).evidence.id;
  const bigOn = await loggedUpstream(lb, "via=big");
  let fromOther = false;
  for (let i = 0; i < 6 && !fromOther; i++) {
    const down = await fetch(`${lb.base}/api/evidence/${bigId}?big=${i}`, { headers: { cookie } });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(big)).toBe(true);
    fromOther = (await loggedUpstream(lb, `?big=${i} `)) !== bigOn;
  }
  expect(fromOther).toBe(true);
});

test("two users on different instances edit the same item: the second gets the conflict dialog", async ({ browser }) => {
  const item = "p1.xxh.sphy.hczx"; // 会场秩序与参会纪律
  // each user's browser talks to one instance (both are behind nginx): a save on A, a stale save on B
  const pa = await (await browser.newContext({ baseURL: a.base })).newPage();
  const pb = await (await browser.newContext({ baseURL: b.base })).newPage();
  await signIn(pa, "county");
  await signIn(pb, "lb-county-datian");
  // the second user works for 三元区 too for this item
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(`UPDATE app_user SET unit_code = 'county-sanyuan', session_version = session_version WHERE username = 'lb-county-datian'`);
  await c.end();
  for (const p of [pa, pb]) await p.goto(`/self-assessment/county-sanyuan/${item}`);
  await pa.getByRole("button", { name: "添加扣分事项" }).click();
  await pa.getByLabel("第 1 条扣分类型").selectOption({ index: 1 });
  await pa.getByLabel("第 1 条次数（默认 1）").fill("2");
  await pa.getByRole("button", { name: "保存", exact: true }).click();
  await expect(pa.getByTestId("save-status")).toHaveText(/^已保存/);

  await pb.getByRole("button", { name: "添加扣分事项" }).click();
  await pb.getByLabel("第 1 条扣分类型").selectOption({ index: 1 });
  await pb.getByLabel("第 1 条次数（默认 1）").fill("3");
  await pb.getByRole("button", { name: "保存", exact: true }).click();
  const dialog = pb.getByRole("dialog", { name: "他人已修改本项" });
  await expect(dialog).toBeVisible();
  await expect(pb.getByTestId("conflict-theirs")).toContainText("2 次");
  await pa.context().close();
  await pb.context().close();
  const c2 = new pg.Client({ connectionString: db.url });
  await c2.connect();
  await c2.query(`UPDATE app_user SET unit_code = 'county-datian' WHERE username = 'lb-county-datian'`);
  await c2.end();
});

test("an instance SIGKILLed and restarted during a burst of saves: nginx routes around it, no acknowledged save is lost", async () => {
  const sessions = await Promise.all(COUNTIES.map(async (unit) => ({ unit, cookie: await sessionCookie(lb.base, `lb-${unit}`) })));
  type Outcome = { unit: string; acked: number[]; fiveXX: number[]; other: number };
  let running = true;
  const t0 = Date.now();
  const burst = sessions.map(async ({ unit, cookie }): Promise<Outcome> => {
    const out: Outcome = { unit, acked: [], fiveXX: [], other: 0 };
    let version = 0;
    while (running) {
      // The whole exchange, body included, is in the try: nginx may have passed on a
      // response's status line when the instance behind it is killed, and then closes the
      // connection mid-body ("terminated: other side closed"). Such a save is in doubt,
      // not acknowledged: the next save's 409 tells which version is stored.
      try {
        const res = await fetch(`${lb.base}/api/facts`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ editionId, unitCode: unit, itemCode: ITEM, expectedVersion: version, payload: { value: { events: [{ kind: "qxcd", count: version + 1 }] } } }),
        });
        if (res.status === 200) {
          const body = (await res.json()) as { version: number };
          out.acked.push(body.version);
          version = body.version;
        } else if (res.status === 409) {
          // an unacknowledged save that did commit: go on from the stored version
          version = ((await res.json()) as { current: { version: number } }).current.version;
        } else {
          await res.text();
          if (res.status >= 500) out.fiveXX.push(Date.now() - t0);
          else out.other++;
          await new Promise((r) => setTimeout(r, 50));
        }
      } catch {
        out.other++;
      }
    }
    return out;
  });

  // an upload is in the middle of its transaction on B (chunks written) when B dies
  const stalled = stalledUpload(b.base, await sessionCookie(lb.base, "county"), editionId);
  await expect.poll(() => uploadsInFlight(db.url), { timeout: 30_000 }).toBe(1);
  await new Promise((r) => setTimeout(r, Math.max(0, 4_000 - (Date.now() - t0))));
  const killedAt = Date.now() - t0;
  b.proc.kill("SIGKILL");
  await new Promise((r) => b.proc.once("exit", r));
  await new Promise((r) => setTimeout(r, 4_000)); // saves go on through A alone
  // B comes back as an upgraded single-machine install would: a file of the old
  // DATA_DIR/evidence store with its row; the start moves it into the database
  const legacy = { id: randomUUID(), content: fillerPdf(300_000, 0x42) };
  const legacyDir = path.join(dataDirs[1], "evidence", String(editionId));
  mkdirSync(legacyDir, { recursive: true });
  writeFileSync(path.join(legacyDir, legacy.id), legacy.content);
  const lc = new pg.Client({ connectionString: db.url });
  await lc.connect();
  await lc.query(
    `INSERT INTO evidence (id, edition_id, unit_code, item_code, kind, file_name, mime_type, size_bytes, sha256, storage_key)
     VALUES ($1, $2, 'county-sanyuan', $3, 'file', '旧版本上传.pdf', 'application/pdf', $4, $5, $6)`,
    [legacy.id, editionId, ITEM, legacy.content.length, createHash("sha256").update(legacy.content).digest("hex"), `${editionId}/${legacy.id}`],
  );
  await lc.end();
  b = await startApp(appEnv(dataDirs[1]), b.port);
  const backAt = Date.now() - t0;
  const logBeforeRestart = lb.accessLog().length;
  await new Promise((r) => setTimeout(r, 4_000)); // and through both again
  running = false;
  const outcomes = await Promise.all(burst);

  const acked = outcomes.reduce((n, o) => n + o.acked.length, 0);
  const fiveXX = outcomes.flatMap((o) => o.fiveXX);
  const servedAfterRestart = lb.accessLog().slice(logBeforeRestart).split("\n").filter((l) => l.includes("/api/facts") && l.includes(`upstream=127.0.0.1:${b.port} `)).length;
  console.log(
    `[nginx burst] ${sessions.length} sessions, ${acked} acknowledged saves in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `killed at ${killedAt} ms, back at ${backAt} ms; 5xx: ${fiveXX.length} (at ${fiveXX.join(", ") || "-"} ms); other failures: ${outcomes.reduce((n, o) => n + o.other, 0)}`,
  );
  expect(acked).toBeGreaterThan(sessions.length * 3);
  // 5xx only for saves that were in flight on the killed instance: at most one per session, right at the kill
  expect(fiveXX.length).toBeLessThanOrEqual(sessions.length);
  for (const t of fiveXX) expect(t - killedAt).toBeLessThan(2_000);
  expect(servedAfterRestart).toBeGreaterThan(0); // nginx sends traffic to the restarted instance again

  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    for (const o of outcomes) {
      const row = (await c.query(`SELECT version, payload FROM item_fact WHERE edition_id = $1 AND unit_code = $2 AND item_code = $3 AND source = 'self'`, [editionId, o.unit, ITEM])).rows[0];
      // every acknowledged version is in the database (the last one, or a later in-doubt one)
      expect(row.version).toBeGreaterThanOrEqual(Math.max(0, ...o.acked));
      expect(row.payload.value.events[0].count).toBe(row.version);
      // and in the audit trail, one entry per acknowledged save
      const audited = (
        await c.query<{ v: number }>(`SELECT (after->>'version')::int AS v FROM audit_log WHERE action = 'fact.self.save' AND unit_code = $1 AND item_code = $2`, [o.unit, ITEM])
      ).rows.map((r) => r.v);
      for (const v of o.acked) expect(audited).toContain(v);
    }
  } finally {
    await c.end();
  }
  // the upload cut off by the kill left nothing: PostgreSQL rolled its transaction back
  expect(typeof (await stalled)).toBe("string"); // the connection failed; no status came back
  await expect.poll(() => uploadsInFlight(db.url), { timeout: 30_000 }).toBe(0);
  const cut = new pg.Client({ connectionString: db.url });
  await cut.connect();
  try {
    expect((await cut.query(`SELECT count(*)::int AS n FROM evidence WHERE file_name = '中断上传.pdf'`)).rows[0].n).toBe(0);
    expect((await cut.query(`SELECT count(*)::int AS n FROM evidence_chunk c WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.id = c.evidence_id)`)).rows[0].n).toBe(0);
  } finally {
    await cut.end();
  }
  // the old file was moved in on start, logged, and is served through nginx by either instance
  expect(b.output()).toContain("[evidence] 佐证材料迁入数据库：迁移 1 个");
  expect(b.output()).toMatch(/\[evidence\] .*evidence 已清空并删除，佐证材料只存于数据库/);
  const cookie = await sessionCookie(lb.base, "county");
  for (let i = 0; i < 2; i++) {
    const got = await fetch(`${lb.base}/api/evidence/${legacy.id}`, { headers: { cookie } });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(legacy.content)).toBe(true);
  }
  // nothing is left or written under either instance's DATA_DIR (they run with DATABASE_URL)
  for (const d of dataDirs) expect(filesUnder(d)).toEqual([]);
});

// whatever a timed-out or failed test left running (servers, postgres, temp dirs)
test.afterAll(stopStarted);
