// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import type { SessionUser } from "@/lib/auth/session";

// The audit trail as reviewers and admins read it, on real PostgreSQL: filtered by unit,
// item, action and date; before/after rendered as words, not JSON; the xlsx export holds
// exactly the filtered rows.
let db: Db;
let editionId: number;
let audit: typeof import("@/lib/audit-view/query");
let review: typeof import("@/lib/review/review");
let reviewer: SessionUser;
const JIANGLE = "county-jiangle"; // 将乐县: no other integration test touches it
// 会场秩序 rather than 调试点名: review-core checks the city's pooled 调试点名 events in this shared database
const VENUE = "p1.xxh.sphy.hczx";
const VULN = "p1.aq.xtaq.ld";

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  const r = await db.prisma.user.create({ data: { username: "audit-reviewer", displayName: "审计测试审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  audit = await import("@/lib/audit-view/query");
  review = await import("@/lib/review/review");
  await review.recordMonitoringEvents(reviewer, "10.1.2.3", { editionId, unitCode: JIANGLE, itemCode: VENUE, method: "在线监测", reason: "10月视频会议会场检查", events: [{ kind: "hcwt", count: 2, date: "2017-10-12" }] });
  await review.recordMonitoringEvents(reviewer, "10.1.2.3", { editionId, unitCode: JIANGLE, itemCode: VENUE, method: "在线监测", reason: "11月视频会议会场检查", events: [{ kind: "hcwt", count: 1, date: "2017-11-03" }] });
  await review.adjustItem(reviewer, "10.1.2.3", {
    editionId,
    unitCode: JIANGLE,
    itemCode: VULN,
    method: "现场检查",
    reason: "现场检查发现未修复",
    payload: { value: { events: [{ kind: "tb", date: "2017-05-02", fixedDate: null }] }, override: { score: "2.5", reason: "酌情核定" } },
  });
});
afterAll(async () => db.close());

const q = (patch: Record<string, string>) => audit.ZAuditQuery.parse(patch);

describe("the audit trail", () => {
  it("filters by unit and renders before → after in words, with who, where and why", async () => {
    const { rows, total } = await audit.listAudit(q({ unit: JIANGLE, order: "asc" }));
    expect(total).toBe(3);
    expect(rows.map((r) => r.actionLabel)).toEqual(["监测录入", "监测录入", "审核调整"]);
    const [first, second, adjust] = rows;
    expect(first).toMatchObject({ actor: "审计测试审核员（audit-reviewer）", ip: "10.1.2.3", unitName: "将乐县", itemName: "视频会议 · 会场秩序与参会纪律", reason: "10月视频会议会场检查" });
    expect(first.changes).toEqual(
      expect.arrayContaining([
        { label: "填报值", before: "—", after: "会场/秩序问题 2 次（2017-10-12）" },
        { label: "核查方式", before: "—", after: "在线监测" },
      ]),
    );
    expect(second.changes).toContainEqual({ label: "填报值", before: "会场/秩序问题 2 次（2017-10-12）", after: "会场/秩序问题 2 次（2017-10-12）；会场/秩序问题 1 次（2017-11-03）" });
    expect(adjust.changes).toEqual(
      expect.arrayContaining([
        { label: "填报值", before: "—", after: "漏洞被省网络与信息安全信息通报中心通报 1 次（2017-05-02，未整改）" },
        { label: "核定得分", before: "—", after: "2.5 分（酌情核定）" },
      ]),
    );
    // nothing of it reads as raw JSON
    expect(JSON.stringify(rows.map((r) => r.changes))).not.toMatch(/\{\\"|"events"|"kind"/);
  });

  it("filters by item, action group and date range (Beijing days)", async () => {
    expect((await audit.listAudit(q({ unit: JIANGLE, item: VULN }))).total).toBe(1);
    expect((await audit.listAudit(q({ unit: JIANGLE, action: "review" }))).total).toBe(3);
    expect((await audit.listAudit(q({ unit: JIANGLE, action: "review.adjust" }))).total).toBe(1);
    expect((await audit.listAudit(q({ unit: JIANGLE, action: "signin" }))).total).toBe(0);
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
    const tomorrow = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + 86_400_000));
    expect((await audit.listAudit(q({ unit: JIANGLE, from: today, to: today }))).total).toBe(3);
    expect((await audit.listAudit(q({ unit: JIANGLE, from: tomorrow }))).total).toBe(0);
    // a malformed date is ignored rather than failing the page
    expect(q({ from: "2017-13-45x" }).from).toBe("");
  });

  it("exports exactly the filtered rows as xlsx, readable", async () => {
    const { file, rows } = await audit.exportAuditXlsx(q({ unit: JIANGLE, order: "asc" }));
    expect(rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet("审计日志")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["编号", "时间", "操作人", "IP", "操作", "单位", "指标", "变更内容", "理由", "对象"]);
    const body: string[][] = [];
    ws.eachRow((r, i) => i > 1 && body.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    expect(body).toHaveLength(3);
    const ids = (await db.prisma.auditLog.findMany({ where: { unitCode: JIANGLE }, orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id.toString());
    expect(body.map((r) => r[0])).toEqual(ids);
    expect(body.map((r) => r[4])).toEqual(["监测录入", "监测录入", "审核调整"]);
    expect(body[2]).toEqual(expect.arrayContaining(["审计测试审核员（audit-reviewer）", "10.1.2.3", "将乐县", "政务信息系统安全和政务信息网安全管理 · 信息系统漏洞", "现场检查发现未修复"]));
    expect(body[2][7]).toMatch(/核定得分：— → 2\.5 分（酌情核定）/);
    expect(body[1][1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("is append-only: the database refuses to change a row", async () => {
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { unitCode: JIANGLE } });
    await expect(db.prisma.auditLog.update({ where: { id: row.id }, data: { reason: "改写" } })).rejects.toThrow();
    await expect(db.prisma.auditLog.delete({ where: { id: row.id } })).rejects.toThrow();
  });
});
