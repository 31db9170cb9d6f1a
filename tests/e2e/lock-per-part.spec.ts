// Issue #18 item 1 in Chromium on the production build: with 综合应用部分 (p1) 定稿 and
// 政府网站建设部分 (p2) 暂定, a reviewer returns a county's 动态信息 (p2). The county's form
// is not read-only: no 已定稿 banner, the returned item can be edited and saved, and the
// unit resubmits; its part-1 items stay read-only as 已定稿. Own 填报员 (将乐县); the
// finalisation this spec makes is withdrawn at the end so later specs find p1 open.
import { expect as baseExpect, test } from "@playwright/test";
import pg from "pg";
import { itemsForUnit } from "../../lib/assessment/items";
import { compileEdition, type CompiledLeaf } from "../../lib/engine";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { signIn } from "./support/auth";
import { pgUrlFor } from "./support/server";
import { createUser } from "./support/users";

// generous waits: the machine this runs on may be shared and slow
test.describe.configure({ mode: "serial", timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const UNIT = "county-jiangle";
const UNIT_NAME = "将乐县";
const FILLER = "e2e-jiangle";
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const mine = itemsForUnit(compiled, UNIT).filter((i) => i.editable && i.factUnit === UNIT);
const DTXX = mine.find((i) => i.leaf.partCode === "p2" && i.leaf.name === "动态信息")!.leaf;
const P1 = mine.find((i) => i.leaf.partCode === "p1" && i.leaf.rule.type === "deduction")!.leaf;

let editionId: number;
/** the finalisation row this spec inserted (none when p1 was already final) */
let finalisationId: number | null = null;

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrlFor(process.env.E2E_DATA_DIR!, Number(process.env.E2E_PG_PORT)) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function payloadFor(leaf: CompiledLeaf): object {
  const r = leaf.rule;
  const conditions = leaf.preconditions.length ? { conditions: Object.fromEntries(leaf.preconditions.map((p) => [p.code, true])) } : {};
  if (leaf.applicability === "opt-in") return { notApplicable: { reason: "本年度未参与" } };
  switch (r.type) {
    case "count":
      return { value: { items: ["示例"] }, ...conditions };
    case "binary":
      return { value: { yes: true }, ...conditions };
    case "ratio":
      return { value: { numerator: 1, denominator: 1 }, ...conditions };
    case "deduction":
      return { value: { events: [] }, ...conditions };
    case "tiers":
      return { value: r.measure === "monthlyAverage" ? { monthly: Array(r.months).fill("8") } : { value: "2" }, ...conditions };
    case "choice":
      return { value: { levels: [] }, ...conditions };
    default:
      return { note: "说明" };
  }
}

test.beforeAll(async () => {
  await withDb(async (c) => {
    editionId = (await c.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`)).rows[0].id;
    await c.query(
      `INSERT INTO assessment_period (edition_id, opens_at, deadline, updated_at) VALUES ($1, '2017-01-01T00:00:00+08', now() + interval '7 days', now())
       ON CONFLICT (edition_id) DO UPDATE SET deadline = GREATEST(assessment_period.deadline, now() + interval '7 days')`,
      [editionId],
    );
    await createUser(c, { username: FILLER, displayName: "将乐县填报员", unitCode: UNIT });
    // the demo's state: the county submitted everything; p1 was reviewed and finalised
    for (const item of mine) {
      const status = item.leaf.partCode === "p1" ? "reviewed" : "submitted";
      await c.query(
        `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at)
         VALUES ($1, $2, $3, 'self', $4, $5, 1, now())
         ON CONFLICT (edition_id, unit_code, item_code, source) DO UPDATE SET status = EXCLUDED.status, payload = EXCLUDED.payload`,
        [editionId, UNIT, item.leaf.code, JSON.stringify(payloadFor(item.leaf)), status],
      );
    }
    await c.query(
      `INSERT INTO unit_submission (edition_id, unit_code, status, round, submitted_at, updated_at) VALUES ($1, $2, 'submitted', 1, now(), now())
       ON CONFLICT (edition_id, unit_code) DO UPDATE SET status = 'submitted'`,
      [editionId, UNIT],
    );
    const active = await c.query(`SELECT id FROM result_finalisation WHERE edition_id = $1 AND part_code = 'p1' AND active`, [editionId]);
    if (active.rowCount === 0) {
      finalisationId = (await c.query(`INSERT INTO result_finalisation (edition_id, part_code, finalised_at) VALUES ($1, 'p1', now()) RETURNING id`, [editionId])).rows[0].id;
    }
  });
});

test.afterAll(async () => {
  if (finalisationId === null) return;
  await withDb((c) => c.query(`UPDATE result_finalisation SET active = false, reopened_at = now(), reopen_reason = 'e2e 清理' WHERE id = $1`, [finalisationId]));
});

test("the reviewer returns 将乐县's 动态信息 (part 2) while part 1 is 定稿", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto(`/review/${UNIT}`);
  await expect(page.getByRole("heading", { name: `审核：${UNIT_NAME}` })).toBeVisible();
  // part 1 is closed to the reviewer too, part 2 is not
  await expect(page.getByTestId(`item-${P1.code}`)).toContainText("本部分已定稿");
  const card = page.getByTestId(`item-${DTXX.code}`);
  await card.getByRole("button", { name: "退回", exact: true }).click();
  await card.getByLabel("退回意见").fill("请补充12月的动态信息条数");
  await card.getByRole("button", { name: "退回…" }).click();
  await page.getByRole("dialog", { name: `退回“${DTXX.name}”？` }).getByRole("button", { name: "确认退回" }).click();
  await expect(card.getByRole("status")).toHaveText("已退回，单位修改后可重新提交");
});

test("the county edits and saves the returned item, part-1 items stay 已定稿, and it resubmits", async ({ page }) => {
  await signIn(page, FILLER);
  await page.goto(`/self-assessment/${UNIT}`);
  await expect(page.getByText("审核员退回了 1 项")).toBeVisible();
  // the bug: "表单只读：考核结果已定稿" beside the returned item
  await expect(page.getByTestId("lock-reason")).toHaveCount(0);

  await page.goto(`/self-assessment/${UNIT}/${DTXX.code}`);
  await expect(page.getByText("请补充12月的动态信息条数")).toBeVisible();
  await expect(page.getByTestId("lock-reason")).toHaveCount(0);
  const december = page.getByLabel("12月", { exact: true });
  await expect(december).toBeEditable();
  await december.fill("9");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);

  await page.goto(`/self-assessment/${UNIT}/${P1.code}`);
  await expect(page.getByTestId("lock-reason")).toContainText("“综合应用部分”考核结果已定稿");
  await expect(page.getByRole("button", { name: "保存", exact: true })).toHaveCount(0);

  await page.goto(`/self-assessment/${UNIT}`);
  await page.getByRole("button", { name: "提交自评" }).click();
  await page.getByRole("dialog", { name: "确认提交自评" }).getByRole("button", { name: "确认提交" }).click();
  await expect(page.getByTestId("lock-reason")).toContainText("已提交自评");
  const status = await withDb((c) =>
    c.query(`SELECT item_code, status::text FROM item_fact WHERE edition_id = $1 AND unit_code = $2 AND item_code = ANY($3) AND source = 'self'`, [editionId, UNIT, [DTXX.code, P1.code]]),
  );
  expect(Object.fromEntries(status.rows.map((r) => [r.item_code, r.status]))).toEqual({ [DTXX.code]: "submitted", [P1.code]: "reviewed" });
});
