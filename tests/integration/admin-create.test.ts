// `npm run admin:create` (scripts/admin-create.ts) run as a command against real PostgreSQL:
// the first administrator of a production installation, with a generated password printed
// once or one read from stdin; an existing username is refused and nothing changes.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createDb, type Db } from "@/lib/db/prisma";
import { freePort } from "../setup/pg";

let db: Db;

function run(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (c) => (stdout += c));
    p.stderr.on("data", (c) => (stderr += c));
    p.stdin.end(stdin ?? "");
    p.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  db = createDb(inject("databaseUrl"), 2);
});
afterAll(async () => db?.close());

const user = (username: string) => db.prisma.user.findUnique({ where: { username } });

describe("npm run admin:create", () => {
  const env = () => ({ DATABASE_URL: inject("databaseUrl") });

  it("creates an administrator with a generated password, printed once, to be changed at first sign-in", async () => {
    const r = await run(["--username", "ops-admin", "--name", "运维管理员"], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("已创建管理员 ops-admin（运维管理员）");
    const password = r.stdout.trim().split("\n").at(-1)!;
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const row = await user("ops-admin");
    expect(row).toMatchObject({ roles: ["admin"], displayName: "运维管理员", disabled: false, mustChangePassword: true, unitCode: null });
    expect(await verifyPassword(row!.passwordHash, password)).toBe(true);
    expect(row!.passwordHash).not.toContain(password);
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "user.create", entityId: String(row!.id) } });
    expect(audit?.actorName).toBe("admin:create（命令行）");
  });

  it("refuses an existing username and changes nothing", async () => {
    const before = await user("ops-admin");
    const r = await run(["--username", "ops-admin"], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("用户 ops-admin 已存在，未做任何改动");
    expect(r.stdout).toBe("");
    expect(await user("ops-admin")).toEqual(before);
  });

  it("takes a password from stdin (kept, no forced change), and refuses a weak one", async () => {
    const weak = await run(["--username", "ops-admin2", "--password-stdin"], env(), "short1\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("密码不符合要求：密码至少 10 位");
    expect(await user("ops-admin2")).toBeNull();
    const r = await run(["--username", "ops-admin2", "--password-stdin"], env(), "Chosen-pass-2026\n");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("Chosen-pass-2026");
    const row = await user("ops-admin2");
    expect(row).toMatchObject({ roles: ["admin"], mustChangePassword: false });
    expect(await verifyPassword(row!.passwordHash, "Chosen-pass-2026")).toBe(true);
  });

  it("explains its usage", async () => {
    const r = await run([], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("缺少 --username");
    expect(r.stderr).toContain("usage: npm run admin:create");
  });

  it("works on the embedded database of DATA_DIR (no DATABASE_URL), migrating a fresh one", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-admin-create-"));
    try {
      const r = await run(["--username", "first-admin"], { DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("已创建管理员 first-admin");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
