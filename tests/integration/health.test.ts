import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbedded, type EmbeddedHandle } from "@/lib/db/embedded";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { freePort } from "../setup/pg";

// A database of its own that the test stops and starts under the running health check.
let pg: EmbeddedHandle;
let opts: Parameters<typeof startEmbedded>[0];
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "egov-health-"));
  chmodSync(tmp, 0o755);
  opts = { dataDir: tmp, pgDir: path.join(tmp, "pg"), port: await freePort(), log: () => {} };
  pg = await startEmbedded(opts);
  await migrate(pg.url);
  process.env.DATABASE_URL = pg.url;
});

afterAll(async () => {
  await pg?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("GET /api/health", () => {
  it("is 200 ok with the migration count while the database answers, 503 with a reason while it is down, and recovers by itself", async () => {
    const { GET } = await import("@/app/api/health/route");

    const up = await GET();
    expect(up.status).toBe(200);
    const body = await up.json();
    expect(body).toMatchObject({ status: "ok", db: "ok", migrations: readMigrations().length });
    expect(typeof body.version).toBe("string");

    await pg.stop();
    const down = await GET();
    expect(down.status).toBe(503);
    const downBody = await down.json();
    expect(downBody.status).toBe("error");
    expect(downBody.reason).toMatch(/数据库不可用/);
    expect(JSON.stringify(downBody)).not.toMatch(/at .*\.ts:\d+/); // no stack trace

    pg = await startEmbedded(opts);
    let back: Response | undefined;
    for (let i = 0; i < 20; i++) {
      back = await GET();
      if (back.status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(back!.status).toBe(200);
  });
});
