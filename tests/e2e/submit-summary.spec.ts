// Issue #19 §6 in Chromium on the production build: before 提交 the confirmation
// summarises the unit's form — filled, 不适用, missing, and entered items without the
// 佐证材料 their 考核方式 (edition.yaml evidenceMethods: 自评上报) asks for — with links.
// Own unit (市统计局, which has an opt-in 专题专栏 item) and 填报员; the spec never submits, so the unit stays a draft.
import { randomUUID } from "node:crypto";
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

const UNIT = "dept-tjj";
const FILLER = "e2e-tjj";
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
// the items 市统计局 fills in itself (not reviewer-rated, not kept by a lead unit)
const counted = itemsForUnit(compiled, UNIT)
  .filter((i) => i.editable && i.factUnit === UNIT && i.leaf.rule.type !== "rating")
  .map((i) => i.leaf);
const isNotApplicable = (leaf: CompiledLeaf) => leaf.applicability === "opt-in";
/** entered, 自评上报 (inherited from its 二级), and left without evidence */
const NO_EVIDENCE = counted.find((l) => l.partCode === "p1" && !isNotApplicable(l))!;

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
  if (isNotApplicable(leaf)) return { notApplicable: { reason: "本年度未参与" } };
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
  expect(NO_EVIDENCE).toBeTruthy();
  expect(counted.filter(isNotApplicable).length).toBeGreaterThan(0);
  await withDb(async (c) => {
    const editionId = (await c.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`)).rows[0].id;
    await c.query(
      `INSERT INTO assessment_period (edition_id, opens_at, deadline, updated_at) VALUES ($1, '2017-01-01T00:00:00+08', now() + interval '7 days', now())
       ON CONFLICT (edition_id) DO UPDATE SET deadline = GREATEST(assessment_period.deadline, now() + interval '7 days')`,
      [editionId],
    );
    await createUser(c, { username: FILLER, displayName: "市统计局填报员", unitCode: UNIT });
    await c.query(`DELETE FROM unit_submission WHERE edition_id = $1 AND unit_code = $2`, [editionId, UNIT]);
    await c.query(`DELETE FROM evidence WHERE edition_id = $1 AND unit_code = $2`, [editionId, UNIT]);
    for (const leaf of counted) {
      await c.query(
        `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at)
         VALUES ($1, $2, $3, 'self', $4, 'draft', 1, now())
         ON CONFLICT (edition_id, unit_code, item_code, source) DO UPDATE SET status = 'draft', payload = EXCLUDED.payload`,
        [editionId, UNIT, leaf.code, JSON.stringify(payloadFor(leaf))],
      );
      // every other entered item has its 佐证材料
      if (leaf !== NO_EVIDENCE && !isNotApplicable(leaf)) {
        await c.query(
          `INSERT INTO evidence (id, edition_id, unit_code, item_code, kind, url, title, uploaded_at) VALUES ($1, $2, $3, $4, 'link', 'https://example.gov.cn/a', '佐证', now())`,
          [randomUUID(), editionId, UNIT, leaf.code],
        );
      }
    }
  });
});

test("the submit dialog counts filled / 不适用 / missing / without evidence and links to the item", async ({ page }) => {
  const na = counted.filter(isNotApplicable).length;
  await signIn(page, FILLER);
  await page.goto(`/self-assessment/${UNIT}`);
  const open = page.getByRole("button", { name: "提交自评" });
  await open.click();

  const dialog = page.getByRole("dialog", { name: "确认提交自评" });
  await expect(dialog).toBeVisible();
  // the safe choice has the focus; Esc closes without submitting
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await expect(dialog.getByTestId("count-filled")).toHaveText(`${counted.length - na} 项`);
  await expect(dialog.getByTestId("count-not-applicable")).toHaveText(`${na} 项`);
  await expect(dialog.getByTestId("count-missing")).toHaveText("0 项");
  await expect(dialog.getByTestId("count-without-evidence")).toHaveText("1 项");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("lock-reason")).toHaveCount(0);

  await open.click();
  await expect(dialog).toBeVisible();
  const links = dialog.getByTestId("without-evidence-items").getByRole("link");
  await expect(links).toHaveCount(1);
  await expect(links).toHaveText(NO_EVIDENCE.pathNames.join(" › "));
  await links.click();
  await expect(page).toHaveURL(new RegExp(`/self-assessment/${UNIT}/${NO_EVIDENCE.code.replace(/\./g, "\\.")}$`));
  await expect(page.getByRole("heading", { level: 1, name: NO_EVIDENCE.name })).toBeVisible();
});
