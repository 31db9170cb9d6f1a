// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// The edition's rules/ files through their routes: downloaded one by one and uploaded back
// together into a draft, they give the same edition (YAML round-trips); a 审核员 may not
// import; files that do not validate save nothing (422, every issue with file and line); a
// good edit replaces the draft (revision-checked, audited).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const upload = await import("@/app/api/editions/[id]/yaml/route");
const download = await import("@/app/api/editions/[id]/yaml/[file]/route");
const { copyEditionAction } = await import("@/app/editions/actions");
const { runAs } = await import("@/lib/auth/guard");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { getEditionRow } = await import("@/lib/authoring/store");
const { exportEditionYaml } = await import("@/lib/authoring/yaml");

const prisma = getPrisma();
const KEY = "ym-test-2034";
const who = (id: number, roles: SessionUser["roles"]): SessionUser => ({ id, username: `ym-${roles[0]}`, displayName: "x", roles, unitCode: null, unitName: null, mustChangePassword: false });
let admin: SessionUser;
const reviewer = who(999_102, ["reviewer"]);
let draftId: number;

beforeAll(async () => {
  const row = await prisma.user.create({ data: { username: "ym-admin", displayName: "版本管理员", passwordHash: "x", roles: ["admin"], mustChangePassword: false } });
  admin = who(row.id, ["admin"]);
  const source = await prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } });
  const r = await runAs(admin, () => copyEditionAction({ sourceId: source.id, key: KEY, year: 2034, name: "2034年度 YAML 导入测试" }));
  draftId = (r as { data: { id: number } }).data.id;
});
afterAll(async () => {
  await prisma.edition.deleteMany({ where: { key: KEY } });
  await getDb().close();
});

const saves = () => prisma.auditLog.count({ where: { action: "edition.draft.save", entityId: String(draftId) } });
const post = (user: SessionUser, files: Record<string, string>, revision = 0) =>
  runAs(user, () =>
    upload.POST(new Request(`http://localhost/api/editions/${draftId}/yaml?revision=${revision}`, { method: "POST", body: JSON.stringify({ files }), headers: { "content-type": "application/json" } }), {
      params: Promise.resolve({ id: String(draftId) }),
    }),
  );

/** Every file of the draft, each through the download route as a 审核员 would fetch it. */
async function downloadAll(): Promise<Record<string, string>> {
  const names = Object.keys(exportEditionYaml((await getEditionRow(draftId))!.edition));
  const out: Record<string, string> = {};
  for (const file of names) {
    const res = await runAs(reviewer, () => download.GET(new Request(`http://localhost/api/editions/${draftId}/yaml/${file}`), { params: Promise.resolve({ id: String(draftId), file }) }));
    expect(res.status, file).toBe(200);
    out[file] = await res.text();
  }
  return out;
}

describe("edition YAML route", () => {
  it("the downloaded files uploaded back give the same edition; a 审核员's upload is refused", async () => {
    const before = (await getEditionRow(draftId))!;
    const files = await downloadAll();
    expect(Object.keys(files).sort()).toEqual(["demo.yaml", "edition.yaml", "part1.yaml", "part2.yaml", "units.yaml"]);
    expect((await post(reviewer, files)).status).toBe(403);
    const res = await post(admin, files);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ saved: true, revision: 1 });
    const after = (await getEditionRow(draftId))!;
    expect(after.edition).toEqual(before.edition);
    expect(await saves()).toBe(1);
  });

  it("files that do not validate: 422 with each issue's file and line, nothing saved; the fixed files replace the draft", async () => {
    const files = await downloadAll();
    const before = (await getEditionRow(draftId))!;
    const bad = { ...files, "part1.yaml": files["part1.yaml"].replace(/max: 40\b/, "max: -3") };
    const res = await post(admin, bad, before.revision);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: string[] };
    expect(body.error).toContain("未保存任何内容");
    expect(body.errors[0]).toMatch(/^part1\.yaml:\d+ /);
    expect((await getEditionRow(draftId))!.revision).toBe(before.revision);
    // another edition's files are refused too
    const other = { ...files, "edition.yaml": files["edition.yaml"].replace(`id: ${KEY}`, "id: sanming-2017") };
    expect((await post(admin, other, before.revision)).status).toBe(422);
    expect(await saves()).toBe(1);

    const renamed = { ...files, "part1.yaml": files["part1.yaml"].replace("name: 物联网服务", "name: 物联网感知服务") };
    const ok = await post(admin, renamed, before.revision);
    expect(ok.status).toBe(200);
    const leaf = (await getEditionRow(draftId))!.edition.parts[0].indicators[0].children![0].children![0];
    expect(leaf).toMatchObject({ code: "p1.xxh.ggpt.wlw", name: "物联网感知服务" });
    expect(await saves()).toBe(2);
    // the same files with the old revision: conflict, nothing saved
    expect((await post(admin, renamed, before.revision)).status).toBe(409);
    expect(await saves()).toBe(2);
  });
});
