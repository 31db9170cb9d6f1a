import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeCallbackUrl } from "@/lib/auth/callback-url";

const ORIGIN = "http://portal.example:3000";

describe("callbackUrl after sign-in: same-origin paths only", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/scorecards/county-sanyuan?part=p1#x", "/scorecards/county-sanyuan?part=p1#x"],
    ["http://portal.example:3000/review", "/review"],
    ["review", "/review"],
  ])("keeps %s", (input, expected) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe(expected);
  });

  it.each([
    // the attack found: what Next hands the page after decoding %5C and %09
    "/\\evil.example/x",
    "/\t/evil.example",
    "\\\\evil.example",
    "//evil.example/x",
    "/\n/evil.example",
    "https://evil.example/",
    "http://portal.example:3001/",
    "https://portal.example:3000/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "/x/..//evil.example",
    "/%2e%2e//evil.example",
    "http://portal.example:3000//evil.example",
    "",
    undefined,
    42,
  ])("sends %j to /", (input) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe("/");
    expect(safeCallbackUrl(input, ORIGIN)).toBe(`${ORIGIN}/`);
  });

  it("keeps an encoded backslash inside a path as data, not a host", () => {
    const p = safeCallbackPath("/%5Cevil.example/x", ORIGIN);
    expect(new URL(p, ORIGIN).origin).toBe(ORIGIN);
  });
});
