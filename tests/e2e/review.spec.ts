// 审核 end to end on the production build: a reviewer returns an item with a comment; the
// 填报员 fixes it and resubmits; the reviewer adjusts another item (现场检查, with a reason),
// records two 视频会议 absences for a county that submitted nothing, and finalises part 1;
// the audit trail shows each step in order and exports it. An admin reopens the part at the
// end (so later specs find the forms open). Works on an empty database or on demo data: the
// test creates its own 填报员 (永安市) and fills what it needs.
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { deflateSync } from "node:zlib";
import { itemsForUnit } from "../../lib/assessment/items";
import { compileEdition } from "../../lib/engine";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { filledPayload } from "../support/filled-payload";
import { signIn } from "./support/auth";
import { withDb } from "./support/db";
import { createUser } from "./support/users";

test.describe.configure({ mode: "serial" });

const UNIT = "county-yongan"; // 永安市
const UNIT_NAME = "永安市";
const FILLER = "e2e-yongan";
const MONITORED = "明溪县"; // has not submitted anything
const RETURNED = "p1.aq.xtaq.wgwl"; // 违规外联
const ADJUSTED = "p1.aq.xtaq.ld"; // 信息系统漏洞
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const leaf = (code: string) => compiled.leafByCode.get(code)!;
const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** A small solid-colour PNG (the evidence the 填报员 uploads, previewed inline by the reviewer). */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

let editionId: number;
let originalPeriod: { opens_at: Date; deadline: Date } | null = null;
let finalisedAtStart: string[] = [];

test.beforeAll(async () => {
  await withDb(async (c) => {
    editionId = (await c.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`)).rows[0].id;
    // the period must be open for the 填报员 to fix a returned item
    originalPeriod = (await c.query(`SELECT opens_at, deadline FROM assessment_period WHERE edition_id = $1`, [editionId])).rows[0] ?? null;
    await c.query(
      `INSERT INTO assessment_period (edition_id, opens_at, deadline, updated_at) VALUES ($1, '2017-01-01T00:00:00+08', now() + interval '7 days', now())
       ON CONFLICT (edition_id) DO UPDATE SET deadline = GREATEST(assessment_period.deadline, now() + interval '7 days')`,
      [editionId],
    );
    await createUser(c, { username: FILLER, displayName: "永安市填报员", unitCode: UNIT });
    // everything but the two items the story is about, as drafts (the UI is tested on those two)
    for (const item of itemsForUnit(compiled, UNIT)) {
      if (!item.editable) continue;
      await c.query(
        `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at)
         VALUES ($1, $2, $3, 'self', $4, 'draft', 1, now()) ON CONFLICT (edition_id, unit_code, item_code, source) DO NOTHING`,
        [editionId, item.factUnit, item.leaf.code, JSON.stringify(filledPayload(item.leaf))],
      );
    }
    finalisedAtStart = (await c.query(`SELECT part_code FROM result_finalisation WHERE edition_id = $1 AND active`, [editionId])).rows.map((r) => r.part_code);
  });
});

test.afterAll(async () => {
  await withDb(async (c) => {
    // a failed run must not leave the forms of later specs locked by a finalisation
    await c.query(`UPDATE result_finalisation SET active = false, reopened_at = now(), reopen_reason = 'e2e 清理' WHERE edition_id = $1 AND active`, [editionId]);
    if (originalPeriod) await c.query(`UPDATE assessment_period SET opens_at = $2, deadline = $3 WHERE edition_id = $1`, [editionId, originalPeriod.opens_at, originalPeriod.deadline]);
  });
});

test("(demo data only) an admin reopens a finalised part with a reason", async ({ page }) => {
  test.skip(finalisedAtStart.length === 0, "nothing is finalised on an empty database");
  await signIn(page, "admin");
  await page.goto("/review/reopen");
  for (const code of finalisedAtStart) {
    const part = page.getByTestId(`finalise-${code}`);
    await part.getByLabel("重新开放的理由").fill("端到端测试：重新开放以继续审核");
    await part.getByRole("button", { name: /重新开放“/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "确认重新开放" }).click();
    await expect(part.getByRole("status")).toContainText("已重新开放");
  }
});

test("the 填报员 of 永安市 submits", async ({ page }) => {
  await signIn(page, FILLER);
  await page.goto(`/self-assessment/${UNIT}`);
  const submit = page.getByRole("button", { name: "提交自评" });
  if (await submit.isEnabled()) {
    await submit.click();
    await page.getByRole("dialog", { name: "确认提交自评" }).getByRole("button", { name: "确认提交" }).click();
  }
  await expect(page.getByTestId("lock-reason")).toContainText(/已提交自评|已审核/);
});

test("the reviewer finds 永安市 waiting in the queue and returns 违规外联 with a comment", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/review?status=submitted");
  const row = page.getByTestId(`queue-row-${UNIT}`);
  await expect(row).toContainText("已提交");
  await expect(row).toContainText(/不到1分钟|分钟|小时|天/);
  await expect(page.getByTestId("count-submitted")).not.toHaveText("0");
  await shot(page, "01-queue");

  await row.getByRole("link", { name: UNIT_NAME, exact: true }).click();
  await expect(page.getByRole("heading", { name: `审核：${UNIT_NAME}` })).toBeVisible();
  const card = page.getByTestId(`item-${RETURNED}`);
  await expect(card.getByRole("heading", { name: new RegExp(leaf(RETURNED).name) })).toBeVisible();
  await expect(card.getByRole("region", { name: "单位自评" })).toContainText("无扣分事项");

  await card.getByRole("button", { name: "退回", exact: true }).click();
  // the comment is required, at the field
  await card.getByRole("button", { name: "退回…" }).click();
  const comment = card.getByLabel("退回意见");
  await expect(comment).toHaveAttribute("aria-invalid", "true");
  await expect(card.getByText("请填写退回意见").first()).toBeVisible();
  await comment.fill("请补充今年违规外联通报的次数");
  await card.getByRole("button", { name: "退回…" }).click();
  const dialog = page.getByRole("dialog", { name: `退回“${leaf(RETURNED).name}”？` });
  await expect(dialog).toContainText("请补充今年违规外联通报的次数");
  await shot(page, "02-return-confirm");
  await dialog.getByRole("button", { name: "确认退回" }).click();
  await expect(card.getByRole("status")).toHaveText("已退回，单位修改后可重新提交");
  await expect(card.getByText("已退回，待单位修改")).toBeVisible();
});

test("the 填报员 sees the comment, fixes the item and resubmits", async ({ page }) => {
  await signIn(page, FILLER);
  await page.goto(`/self-assessment/${UNIT}/${RETURNED}`);
  await expect(page.getByText("请补充今年违规外联通报的次数")).toBeVisible();
  await page.getByRole("button", { name: "添加扣分事项" }).click();
  await page.getByLabel(/第 \d+ 条次数（默认 1）/).last().fill("1");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);
  // and attaches the notice as evidence (the upload API the evidence panel uses)
  const upload = await page.request.post("/api/evidence", {
    multipart: {
      editionId: String(editionId),
      unitCode: UNIT,
      itemCode: RETURNED,
      title: "违规外联通报截图",
      coversFrom: "2017-01-01",
      coversTo: "2017-12-31",
      file: { name: "notice.png", mimeType: "image/png", buffer: png(160, 90, [200, 40, 40]) },
    },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  await shot(page, "03-filler-fixed");

  await page.goto(`/self-assessment/${UNIT}`);
  await page.getByRole("button", { name: "提交自评" }).click();
  await page.getByRole("dialog", { name: "确认提交自评" }).getByRole("button", { name: "确认提交" }).click();
  await expect(page.getByTestId("lock-reason")).toContainText("已提交自评");
});

test("the reviewer sees the resubmission and adjusts 信息系统漏洞 after an on-site check, reason required", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto(`/review/${UNIT}`);
  const returned = page.getByTestId(`item-${RETURNED}`);
  await expect(returned.getByTestId("item-history")).toContainText("退回");
  await expect(returned.getByTestId("item-history")).toContainText("修改后重新提交");
  await expect(returned.getByRole("region", { name: "单位自评" })).toContainText("1 次");
  // the evidence: listed with its upload time and claimed period, the image previewed inline
  await returned.getByText("佐证材料（1）").click();
  await expect(returned.getByText("违规外联通报截图").first()).toBeVisible();
  await expect(returned).toContainText("2017-01-01");
  await returned.getByRole("button", { name: "预览：违规外联通报截图" }).click();
  const img = returned.getByRole("img", { name: "佐证材料预览：违规外联通报截图" });
  await expect(img).toHaveAttribute("src", /\/api\/evidence\/.+\?inline=1$/);
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(160);
  await returned.screenshot({ path: test.info().outputPath("04a-evidence-preview.png") });

  const card = page.getByTestId(`item-${ADJUSTED}`);
  await card.getByRole("button", { name: "调整", exact: true }).click();
  await card.getByRole("button", { name: "添加扣分事项" }).click();
  await card.getByLabel("通报日期").last().fill("2017-05-02");
  await card.getByLabel("核查方式").selectOption("现场检查");
  // no reason: refused at the field, nothing saved
  await card.getByRole("button", { name: "保存调整" }).click();
  const reason = card.getByLabel("调整理由");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${(await reason.getAttribute("aria-describedby"))!.split(" ")[0]}`)).toHaveText("请填写调整理由");
  await shot(page, "04-adjust-reason-required");

  await reason.fill("现场检查：5月2日漏洞通报至今未修复反馈");
  await card.getByRole("button", { name: "保存调整" }).click();
  await expect(card.getByRole("status")).toHaveText(/^已保存调整：审核后得分 \d+(\.\d+)? 分$/);
  const after = card.getByRole("region", { name: "审核后" });
  await expect(after).toContainText("2017-05-02");
  await expect(after).toContainText("未整改");
  await expect(after).toContainText("2周内未修复反馈");
  await expect(card.getByTestId("item-history")).toContainText("调整（现场检查）");
  await shot(page, "05-adjusted");
});

test("the reviewer records two 视频会议 absences for a county that has not submitted", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/review/monitoring");
  await page.getByLabel("单位").selectOption({ label: MONITORED });
  await page.getByLabel("会议日期").fill("2017-10-12");
  await page.getByLabel("点名缺席/迟到次数").fill("2");
  await page.getByLabel("说明（写入审核理由和审计日志）").fill("省政府10月视频会议点名");
  await page.getByRole("button", { name: "保存视频会议" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已记录" })).toHaveText(`已记录${MONITORED}的视频会议`);
  const result = page.getByTestId("monitoring-result");
  await expect(result).toContainText(`${leaf("p1.xxh.sphy.tsdm").name}：审核后`);
  await expect(result).toContainText("缺席或迟到 2 次");
  await shot(page, "06-monitoring");

  // 漏洞: the late-fix charge is explained before saving
  await page.getByText("漏洞通报", { exact: true }).click();
  await page.getByLabel("通报日期").fill("2017-03-01");
  await page.getByLabel("修复反馈日期（未修复留空）").fill("2017-03-20");
  await expect(page.getByTestId("late-fix-hint")).toContainText("第 19 天才修复反馈（超过 14 天）");
});

test("the reviewer finalises part 1, accepting the rest as submitted", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/review/finalise");
  const part = page.getByTestId("finalise-p1");
  await expect(part).toContainText("未定稿");
  const rest = part.getByLabel(/其余按提交内容确认/);
  if (await rest.count()) await rest.check();
  await part.getByRole("button", { name: "定稿“综合应用部分”…" }).click();
  const dialog = page.getByRole("dialog", { name: "确认定稿“综合应用部分”？" });
  await shot(page, "07-finalise-confirm");
  await dialog.getByRole("button", { name: "确认定稿" }).click();
  await expect(part.getByRole("status")).toContainText("已定稿");
  await page.reload();
  await expect(page.getByTestId("finalise-p1")).toContainText("已定稿");
  // nothing in the part can change now
  await page.goto(`/review/${UNIT}`);
  await expect(page.getByTestId(`item-${ADJUSTED}`)).toContainText("本部分已定稿");
});

test("the audit trail shows each step in order, readable, and exports it", async ({ page }) => {
  await signIn(page, "reviewer");
  // newest first, so the story is on the first page whatever earlier specs logged today
  await page.goto(`/audit?action=changes&from=${today}`);
  const actions = (await page.getByTestId("audit-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")))).reverse();
  const story = ["review.return", "fact.self.save", "submission.submit", "review.adjust", "review.monitoring", "results.finalise"];
  let at = -1;
  for (const a of story) {
    const next = actions.indexOf(a, at + 1);
    expect(next, `${a} after position ${at} in ${actions.join(",")}`).toBeGreaterThan(at);
    at = next;
  }
  await shot(page, "08-audit-trail");

  // one item's trail, as linked from the review screen: who, why, before → after in words
  await page.goto(`/review/${UNIT}`);
  await page.getByTestId(`item-${ADJUSTED}`).getByRole("link", { name: "查看本项审计日志" }).click();
  await expect(page).toHaveURL(new RegExp(`unit=${UNIT}.*item=${ADJUSTED.replace(/\./g, "\\.")}`));
  const adjust = page.locator('[data-testid="audit-row"][data-action="review.adjust"]').last();
  await expect(adjust).toContainText("审核调整");
  await expect(adjust).toContainText("数字办审核员");
  await expect(adjust).toContainText("理由：现场检查：5月2日漏洞通报至今未修复反馈");
  await expect(adjust.getByRole("row", { name: /核查方式/ })).toContainText("现场检查");
  await expect(adjust.getByRole("row", { name: /填报值/ })).toContainText("2017-05-02，未整改");
  await shot(page, "09-audit-item");

  const res = await page.request.get(`/audit/export?unit=${UNIT}&from=${today}&order=asc`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const rows: string[] = [];
  wb.getWorksheet("审计日志")!.eachRow((r, i) => i > 1 && rows.push(String(r.getCell(5).value)));
  expect(rows).toEqual(expect.arrayContaining(["退回", "自评保存", "提交自评", "审核调整"]));
});

test("an admin reopens part 1 with a reason", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/review/reopen");
  const part = page.getByTestId("finalise-p1");
  await part.getByRole("button", { name: "重新开放“综合应用部分”…" }).click();
  await expect(part.getByText("请填写重新开放的理由")).toBeVisible();
  await part.getByLabel("重新开放的理由").fill("永安市补充材料后需复核");
  await part.getByRole("button", { name: "重新开放“综合应用部分”…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "确认重新开放" }).click();
  await expect(part.getByRole("status")).toContainText("已重新开放");
  await page.reload();
  await expect(page.getByTestId("finalise-p1")).toContainText("未定稿");
  await expect(page.getByTestId("finalise-p1")).toContainText("永安市补充材料后需复核");
  await shot(page, "10-admin-reopened");
});
