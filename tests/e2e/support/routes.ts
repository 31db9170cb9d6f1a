// Enumerates the app's pages and route handlers from the file system, so a new route
// that has no entry in the authorisation matrix fails the matrix test.
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
