import { describe, expect, it } from "vitest";
import { ACTIONS, can, canOnUnit, PERMISSIONS, ROLES } from "@/lib/auth/permissions";

describe("permissions table", () => {
  it("an unknown role gets nothing", () => {
    for (const a of ACTIONS) expect(can(["superuser"], a)).toBe(false);
    expect(canOnUnit({ roles: ["superuser"], unitCode: "u1" }, "self:read", "u1")).toBe(false);
  });

  it.each([
    ["filler", "self:write", true],
    ["filler", "review:write", false],
    ["filler", "dashboard:read", false],
    ["reviewer", "review:write", true],
    ["reviewer", "self:write", false],
    ["leader", "dashboard:read", true],
    ["leader", "review:write", false],
    ["admin", "admin:users", true],
    ["admin", "review:write", false], // admins do not edit scores
    ["admin", "self:write", false],
    ["admin", "editions:read", true],
    ["reviewer", "editions:read", true], // read-only: no admin:editions
    ["reviewer", "admin:editions", false],
    ["leader", "editions:read", false],
    ["filler", "editions:read", false],
  ] as const)("%s → %s: %s", (role, action, allowed) => {
    expect(can([role], action)).toBe(allowed);
  });

  it("a filler acts on their own unit only; reviewers and leaders on any", () => {
    const filler = { roles: ["filler"], unitCode: "dept-a" };
    expect(canOnUnit(filler, "self:write", "dept-a")).toBe(true);
    expect(canOnUnit(filler, "self:write", "dept-b")).toBe(false);
    expect(canOnUnit(filler, "evidence:read", "dept-b")).toBe(false);
    expect(canOnUnit(filler, "self:read", null)).toBe(false);
    expect(canOnUnit({ roles: ["reviewer"], unitCode: null }, "evidence:read", "dept-b")).toBe(true);
    expect(canOnUnit({ roles: ["leader"], unitCode: null }, "evidence:read", "dept-b")).toBe(true);
  });

  it("a filler reads results and appeals for their own unit only (issue #19 §3); admins do neither", () => {
    const filler = { roles: ["filler"], unitCode: "dept-a" };
    expect(canOnUnit(filler, "results:read", "dept-a")).toBe(true);
    expect(canOnUnit(filler, "results:read", "dept-b")).toBe(false);
    expect(canOnUnit(filler, "appeal:write", "dept-a")).toBe(true);
    expect(canOnUnit(filler, "appeal:write", "dept-b")).toBe(false);
    expect(canOnUnit({ roles: ["leader"], unitCode: null }, "results:read", "dept-b")).toBe(true);
    expect(can(["reviewer"], "appeal:write")).toBe(false);
    expect(can(["admin"], "results:read")).toBe(false);
  });

  it("every role's actions are known actions", () => {
    for (const r of ROLES) for (const a of PERMISSIONS[r]) expect(ACTIONS).toContain(a);
  });
});
