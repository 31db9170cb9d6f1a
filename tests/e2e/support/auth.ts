import { expect, type Cookie, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../../playwright.config";

export type DemoUser = "admin" | "reviewer" | "leader" | "dept" | "county";

/**
 * The session cookies of each sign-in through the form, per server, user and password, kept for
 * the rest of the worker (a storageState per role): the next signIn of the same user on the same
 * server adds them to the page's context and opens the home page, skipping the form and its
 * argon2 password check (seconds on a loaded machine). If the session no longer holds (signed
 * out, password changed, another server on the same port) the home page sends it to /login
 * and the form is used as before.
 */
const sessions = new Map<string, Cookie[]>();

/** The server the context's relative URLs go to, from a public API (a relative request's
 *  resolved URL); undefined (no baseURL) turns the reuse off. */
async function baseOf(page: Page): Promise<string | undefined> {
  try {
    return new URL((await page.request.head("/robots.txt")).url()).origin;
  } catch {
    return undefined;
  }
}

/**
 * Signs `username` in and waits for the signed-in home page. `fresh`: always through the form
 * (the specs that test signing in itself).
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, opts: { fresh?: boolean } = {}): Promise<void> {
  const base = await baseOf(page);
  const key = base ? `${base}\n${username}\n${password}` : undefined;
  const saved = key && !opts.fresh ? sessions.get(key) : undefined;
  if (saved) {
    await page.context().addCookies(saved);
    // the cookie is this user's (not one a previous server on the same port issued to another)
    const who = (await (await page.request.get("/api/auth/session")).json().catch(() => null)) as { user?: { name?: string } } | null;
    if (who?.user?.name === username) {
      await page.goto("/");
      // a session the server revoked (signed out, disabled, password changed) still decodes
      // for /api/auth/session but renders the signed-out home page: use the form then
      if (!new URL(page.url()).pathname.startsWith("/login") && (await page.getByTestId("current-user").isVisible())) return;
    }
    sessions.delete(key!);
    await page.context().clearCookies({ name: /next-auth/ }); // only the stale session, not the context's other cookies
  }
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 }); // argon2 on a loaded machine
  if (key) {
    const host = new URL(base!).hostname;
    sessions.set(
      key,
      (await page.context().cookies()).filter((c) => c.domain.replace(/^\./, "") === host && c.name.includes("next-auth")),
    );
  }
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
}
