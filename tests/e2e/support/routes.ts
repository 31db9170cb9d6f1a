// Enumerates the app's pages and route handlers from the file system, so a new route
// that has no entry in the authorisation matrix fails the matrix test.
import type { Action, Role } from "../../../lib/auth/permissions";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export type AppRoute = { kind: "page" | "route"; pattern: string };

export function enumerateAppRoutes(appDir = "app"): AppRoute[] {
  const out: AppRoute[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === "page.tsx" || name === "route.ts") {
        const rel = path.relative(appDir, dir).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)); // drop route groups
        out.push({ kind: name === "page.tsx" ? "page" : "route", pattern: "/" + rel.join("/") });
      }
    }
  };
  walk(appDir);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/**
 * What each page needs, in the words of lib/auth/permissions.ts ("signed-in": any user;
 * "anonymous": only signed-out visitors). Every page of the app must have an entry, so a
 * new page is classified before the navigation test can pass.
 */
export const PAGE_ACCESS: Record<string, Action | "signed-in" | "anonymous"> = {
  "/": "signed-in",
  "/login": "anonymous",
  "/account/password": "signed-in",
  "/indicators": "indicators:read",
  "/self-assessment": "self:write",
  "/self-assessment/[unitCode]": "self:read",
  "/self-assessment/[unitCode]/[itemCode]": "self:read",
  "/review": "review:read",
  "/review/[unitCode]": "review:read",
  "/review/monitoring": "review:write",
  "/review/finalise": "review:write",
  "/review/appeals": "review:read",
  "/review/reopen": "admin:editions",
  "/audit": "audit:read",
  "/dashboard": "dashboard:read",
  "/dashboard/history": "dashboard:read",
  "/scorecards": "dashboard:read",
  "/scorecards/[unitCode]": "results:read",
  "/scorecards/[unitCode]/evidence": "evidence:read",
  "/editions": "editions:read",
  "/editions/[id]": "editions:read",
  "/editions/[id]/edit": "admin:editions",
  "/editions/[id]/preview": "editions:read",
  "/readings": "dashboard:read",
  "/messages": "messages:read",
  "/review/remind": "messages:remind",
  "/documents": "documents:read",
  "/documents/bulletin": "documents:read",
  "/documents/notices/[unitCode]": "documents:read",
  "/admin": "admin:users",
  "/admin/periods": "admin:editions",
  "/admin/calendar": "admin:editions",
  "/admin/users": "admin:users",
  "/admin/users/new": "admin:users",
  "/admin/users/[id]": "admin:users",
  "/admin/users/import": "admin:users",
  "/admin/units": "admin:units",
  "/admin/units/[code]": "admin:units",
};

/** The page pattern a path belongs to (static segments win over [params]), or null. */
export function pagePatternOf(pathname: string, patterns: string[]): string | null {
  const hits = patterns.filter((p) => {
    const re = new RegExp("^" + p.replace(/\[\.\.\.[^\]]+\]/g, ".+").replace(/\[[^\]]+\]/g, "[^/]+") + "/?$");
    return re.test(pathname);
  });
  hits.sort((a, b) => (a.match(/\[/g)?.length ?? 0) - (b.match(/\[/g)?.length ?? 0));
  return hits[0] ?? null;
}

/** The roles of each demo account, as lib/auth/demo-users.ts gives them (not imported: it loads the
 *  password hasher into every Playwright worker); what the page-access checks use. */
export const DEMO_ROLES: Record<"admin" | "reviewer" | "leader" | "dept" | "county", Role[]> = { admin: ["admin"], reviewer: ["reviewer"], leader: ["leader"], dept: ["filler"], county: ["filler"] };
