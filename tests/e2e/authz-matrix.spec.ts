// The authorisation matrix for pages and route handlers: every route of the app × every
// role, anonymous, and a 填报员 of another unit. (Server actions have their own matrix in
// tests/integration/authz-actions.test.ts.)
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "../../playwright.config";
import { enumerateAppRoutes } from "./support/routes";

type Who = "anonymous" | "admin" | "reviewer" | "leader" | "dept" | "county";
const WHO: Who[] = ["anonymous", "admin", "reviewer", "leader", "dept", "county"];

type Entry = {
  /** a concrete URL for the pattern; "{own}" of the 'county' user is 三元区, "{other}" another unit */
  url: string;
  method?: "GET" | "POST";
  allowed: Who[];
  /** text that only the resource itself contains: must not appear in a denial */
  marker?: string;
  /** public: anonymous gets the page itself (no redirect) */
  public?: boolean;
  /** JSON body for POST routes */
  body?: unknown;
};

const STAFF: Who[] = ["admin", "reviewer", "leader", "dept", "county"];

export const MATRIX: Record<string, Entry> = {
  "/": { url: "/", allowed: WHO, public: true },
  "/login": { url: "/login", allowed: ["anonymous"], public: true },
  "/account/password": { url: "/account/password", allowed: STAFF, marker: "确认新密码" },
  "/indicators": { url: "/indicators", allowed: STAFF },
  "/self-assessment": { url: "/self-assessment", allowed: ["dept", "county"] },
  "/self-assessment/[unitCode]": { url: "/self-assessment/county-sanyuan", allowed: ["county"], marker: "三元区" },
  "/self-assessment/[unitCode]/[itemCode]": { url: "/self-assessment/county-sanyuan/p1.xxh.sphy.tsdm", allowed: ["county"], marker: "会前调试点名" },
  "/review": { url: "/review", allowed: ["reviewer"] },
  "/review/[unitCode]": { url: "/review/county-sanyuan", allowed: ["reviewer"], marker: "指标目录" },
  "/review/monitoring": { url: "/review/monitoring", allowed: ["reviewer"], marker: "批量导入" },
  "/review/monitoring/template": { url: "/review/monitoring/template", allowed: ["reviewer"] },
  "/review/finalise": { url: "/review/finalise", allowed: ["reviewer"], marker: "其余按提交内容确认" },
  "/review/appeals": { url: "/review/appeals", allowed: ["reviewer"], marker: "待处理的申诉" },
  "/review/reopen": { url: "/review/reopen", allowed: ["admin"], marker: "重新开放的理由" },
  "/audit": { url: "/audit", allowed: ["admin", "reviewer"], marker: "导出 Excel" },
  "/audit/export": { url: "/audit/export", allowed: ["admin", "reviewer"] },
  "/dashboard": { url: "/dashboard", allowed: ["reviewer", "leader"] },
  "/dashboard/history": { url: "/dashboard/history?unit=county-sanyuan", allowed: ["reviewer", "leader"], marker: "曾用名" },
  "/scorecards": { url: "/scorecards", allowed: ["reviewer", "leader"], marker: "选择单位查看" },
  // a 填报员 reads their own unit's card (results:read; the page shows it once released); 市数字办's 填报员 is refused
  "/scorecards/[unitCode]": { url: "/scorecards/county-sanyuan", allowed: ["reviewer", "leader", "county"], marker: "三元区记分卡" },
  "/scorecards/[unitCode]/evidence": { url: "/scorecards/county-sanyuan/evidence", allowed: ["reviewer", "leader", "county"], marker: "三元区 · 佐证材料" },
  "/messages": { url: "/messages", allowed: STAFF, marker: "只看未读" },
  "/review/remind": { url: "/review/remind", allowed: ["reviewer"], marker: "尚未提交" },
  "/documents": { url: "/documents", allowed: ["reviewer", "leader"], marker: "考核结果通报" },
  "/documents/bulletin": { url: "/documents/bulletin", allowed: ["reviewer", "leader"], marker: "考核排名" },
  "/documents/notices/[unitCode]": { url: "/documents/notices/county-sanyuan", allowed: ["reviewer", "leader"], marker: "返回公文" }, // the page title (整改通知) is static metadata
  "/api/documents/bulletin": { url: "/api/documents/bulletin", allowed: ["reviewer", "leader"] },
  "/api/documents/notices/[unitCode]": { url: "/api/documents/notices/county-sanyuan", allowed: ["reviewer", "leader"] },
  "/admin": { url: "/admin", allowed: ["admin"] },
  "/admin/periods": { url: "/admin/periods", allowed: ["admin"], marker: "单位延期" },
  "/admin/calendar": { url: "/admin/calendar", allowed: ["admin"], marker: "各年度日历来源" },
  "/admin/users": { url: "/admin/users", allowed: ["admin"] },
  "/admin/users/new": { url: "/admin/users/new", allowed: ["admin"] },
  "/admin/users/[id]": { url: "/admin/users/1", allowed: ["admin"] },
  "/admin/users/import": { url: "/admin/users/import", allowed: ["admin"] },
  "/admin/users/import/template": { url: "/admin/users/import/template", allowed: ["admin"] },
  "/admin/users/import/upload": { url: "/admin/users/import/upload", method: "POST", body: "", allowed: ["admin"] },
  "/admin/units": { url: "/admin/units", allowed: ["admin"] },
  "/admin/units/[code]": { url: "/admin/units/county-sanyuan", allowed: ["admin"] },
  "/editions": { url: "/editions", allowed: ["admin", "reviewer"], marker: "考核版本列表" },
  "/editions/[id]": { url: "/editions/1", allowed: ["admin", "reviewer"], marker: "导出" },
  "/editions/[id]/edit": { url: "/editions/1/edit", allowed: ["admin"], marker: "指标树" },
  "/editions/[id]/preview": { url: "/editions/1/preview", allowed: ["admin", "reviewer"] },
  "/readings": { url: "/readings", allowed: ["reviewer", "leader"], marker: "备选方案" },
  "/api/editions/[id]/xlsx": { url: "/api/editions/1/xlsx", allowed: ["admin", "reviewer"] },
  // edition 1 is published: the admin gets 409/415, never a denial
  "/api/editions/[id]/docx": { url: "/api/editions/1/docx?revision=0", method: "POST", body: "", allowed: ["admin"] },
  "/api/editions/[id]/yaml": { url: "/api/editions/1/yaml?revision=0", method: "POST", body: "", allowed: ["admin"] },
  "/api/editions/[id]/yaml/[file]": { url: "/api/editions/1/yaml/edition.yaml", allowed: ["admin", "reviewer"] },
  "/api/health": { url: "/api/health", allowed: WHO, public: true },
  "/api/submissions": {
    url: "/api/submissions",
    method: "POST",
    body: { editionId: 1, unitCode: "county-sanyuan" },
    allowed: ["county"],
  },
  "/api/facts": {
    url: "/api/facts",
    method: "POST",
    body: { editionId: 1, unitCode: "county-sanyuan", itemCode: "p1.xxh.sphy.tsdm", payload: { value: { events: [] } }, expectedVersion: 0 },
    allowed: ["county"],
  },
  // evidence: the list of 市数字办 (the 'dept' user's unit); an unknown id is checked unit-first,
  // so 填报员 get 403 whether or not it exists, and reviewers/leaders a 404 (allowed, nothing found)
  "/api/evidence": { url: "/api/evidence?editionId=1&unitCode=dept-szb", allowed: ["reviewer", "leader", "dept"] },
  "/api/evidence/[id]": { url: "/api/evidence/00000000-0000-4000-8000-000000000000", allowed: ["reviewer", "leader"] },
  "/api/offline-form": { url: "/api/offline-form?editionId=1&unitCode=dept-szb", allowed: ["dept"] },
  "/api/exports/results": { url: "/api/exports/results", allowed: ["reviewer", "leader"] },
  "/api/exports/scorecards/[unitCode]": { url: "/api/exports/scorecards/county-sanyuan", allowed: ["reviewer", "leader"] },
  "/api/auth/[...nextauth]": { url: "/api/auth/session", allowed: WHO, public: true },
};

test("every page and route handler of the app has an entry in the matrix", () => {
  const patterns = enumerateAppRoutes().map((r) => r.pattern);
  expect(patterns.filter((p) => !MATRIX[p])).toEqual([]);
  expect(Object.keys(MATRIX).filter((p) => !patterns.includes(p))).toEqual([]);
});

async function contextFor(who: Who, baseURL: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  if (who === "anonymous") return ctx;
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, username: who, password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await ctx.get("/api/auth/session")).json();
  expect(session?.uid, `sign-in as ${who}`).toBeTruthy();
  return ctx;
}

const KIND = new Map(enumerateAppRoutes().map((r) => [r.pattern, r.kind]));

for (const who of WHO) {
  test(`matrix as ${who}`, async ({ baseURL }) => {
    const ctx = await contextFor(who, baseURL!);
    try {
      for (const [pattern, e] of Object.entries(MATRIX)) {
        const res = await ctx.fetch(e.url, { method: e.method ?? "GET", maxRedirects: 0, ...(e.body !== undefined ? { data: e.body } : {}) });
        const body = await res.text();
        const status = res.status();
        const label = `${who} ${e.method ?? "GET"} ${e.url} (${pattern}) → ${status}`;
        if (e.allowed.includes(who)) {
          // pages render; route handlers may answer 4xx about the input or a lock, but never deny
          if (KIND.get(pattern) === "route") expect([401, 403].includes(status) || status >= 500, label).toBe(false);
          else expect(status, label).toBe(200);
        } else {
          const redirectToLogin = status === 307 && (res.headers()["location"] ?? "").includes("/login");
          const redirectHome = status === 307 && pattern === "/login"; // signed-in users leave the login page
          expect([401, 403].includes(status) || redirectToLogin || redirectHome, label).toBe(true);
          if (who === "anonymous" && !e.public && KIND.get(pattern) === "page") expect(redirectToLogin, label).toBe(true);
          if (e.marker) expect(body, label).not.toContain(e.marker);
        }
      }
    } finally {
      await ctx.dispose();
    }
  });
}
