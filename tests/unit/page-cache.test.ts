// The page cache's pure parts: which requests it may answer, which cookie names the
// session, and the nonce swap a replay makes (lib/http/page-cache.ts, lib/http/csp.ts).
import { describe, expect, it } from "vitest";
import { buildCsp, newNonce, nonceOf } from "@/lib/http/csp";
import { cacheableUrl, joinWithNonce, pageCacheEnabled, sessionToken, splitOnNonce } from "@/lib/http/page-cache";

const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ method, url, headers });

describe("cacheableUrl", () => {
  it("takes full page loads of 排名看板 and 记分卡, with their query", () => {
    expect(cacheableUrl(req("/dashboard"))).toBe("/dashboard");
    expect(cacheableUrl(req("/dashboard?group=county&part=p2"))).toBe("/dashboard?group=county&part=p2");
    expect(cacheableUrl(req("/scorecards"))).toBe("/scorecards");
    expect(cacheableUrl(req("/scorecards/county-sanyuan?edition=2"))).toBe("/scorecards/county-sanyuan?edition=2");
  });

  it("leaves everything else to Next: other pages, evidence, writes, RSC navigations and prefetches", () => {
    for (const u of ["/", "/review", "/self-assessment", "/scorecards/county-sanyuan/evidence/3", "/api/exports/results", "/dashboardx", "/login?callbackUrl=/dashboard"]) {
      expect(cacheableUrl(req(u)), u).toBeNull();
    }
    expect(cacheableUrl(req("/dashboard", {}, "POST"))).toBeNull();
    expect(cacheableUrl(req("/dashboard", {}, "HEAD"))).toBeNull();
    expect(cacheableUrl(req("/dashboard", { rsc: "1" }))).toBeNull();
    expect(cacheableUrl(req("/dashboard", { "next-router-prefetch": "1" }))).toBeNull();
    expect(cacheableUrl(req("/dashboard", { "next-action": "abc" }))).toBeNull();
    expect(cacheableUrl(req("/dashboard", { purpose: "prefetch" }))).toBeNull();
  });
});

describe("sessionToken", () => {
  const PLAIN = "next-auth.session-token";
  const SECURE = "__Secure-next-auth.session-token";
  it("reads the one session cookie next-auth is configured to read, among others", () => {
    expect(sessionToken("a=1; next-auth.session-token=abc.def; b=2", PLAIN)).toBe("abc.def");
    expect(sessionToken("__Secure-next-auth.session-token=xyz", SECURE)).toBe("xyz");
  });
  it("is null without one, when empty, or when next-auth split it into chunks", () => {
    expect(sessionToken(undefined, PLAIN)).toBeNull();
    expect(sessionToken("next-auth.csrf-token=1", PLAIN)).toBeNull();
    expect(sessionToken("next-auth.session-token=", PLAIN)).toBeNull();
    expect(sessionToken("next-auth.session-token.0=aa; next-auth.session-token.1=bb", PLAIN)).toBeNull();
  });
  // issue 13 item 3: next-auth reads the LAST duplicate of its configured name only; the cache
  // read the first of either name, and stored a leader's page under a filler's key
  it.each([
    ["two of the configured name (filler first, leader last)", "next-auth.session-token=filler; next-auth.session-token=leader", PLAIN],
    ["the other name first", "__Secure-next-auth.session-token=filler; next-auth.session-token=leader", PLAIN],
    ["the other name last", "next-auth.session-token=leader; __Secure-next-auth.session-token=filler", SECURE],
    ["a plain cookie and a chunk", "next-auth.session-token=a; next-auth.session-token.0=b", PLAIN],
    ["a name with a trailing space", "next-auth.session-token =a", PLAIN],
    ["a name after a tab", "x=1;\tnext-auth.session-token=a", PLAIN],
    ["a different case", "Next-Auth.session-token=a; next-auth.session-token=b", PLAIN],
    ["a percent-encoded value", "next-auth.session-token=a%2Eb", PLAIN],
    ["only the name next-auth does not read", "__Secure-next-auth.session-token=leader", PLAIN],
  ])("is null when the header is ambiguous or not what next-auth reads: %s", (_n, header, name) => {
    expect(sessionToken(header, name)).toBeNull();
  });
  it("reads it from repeated Cookie headers only when there is still exactly one", () => {
    expect(sessionToken(["a=1", "next-auth.session-token=t.u"], PLAIN)).toBe("t.u");
    expect(sessionToken(["next-auth.session-token=f", "next-auth.session-token=l"], PLAIN)).toBeNull();
  });
});

describe("nonce swap", () => {
  it("puts a new nonce everywhere the old one was and nowhere else, in UTF-8 text", () => {
    const old = newNonce();
    const html = `${old}<script nonce="${old}">排名看板</script>中文<script nonce="${old}"></script>${old}`;
    const parts = splitOnNonce(Buffer.from(html, "utf8"), old);
    expect(parts).toHaveLength(5);
    const fresh = newNonce();
    expect(fresh).not.toBe(old);
    expect(joinWithNonce(parts, fresh).toString("utf8")).toBe(html.split(old).join(fresh));
    expect(joinWithNonce(parts, old).toString("utf8")).toBe(html);
  });

  it("leaves a body without the nonce as it is", () => {
    const parts = splitOnNonce(Buffer.from("<p>无脚本</p>"), newNonce());
    expect(parts).toHaveLength(1);
    expect(joinWithNonce(parts, "n").toString()).toBe("<p>无脚本</p>");
  });

  it("builds a policy whose nonce can be read back, and nonces differ", () => {
    const n = newNonce();
    const csp = buildCsp(n, false);
    expect(nonceOf(csp)).toBe(n);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(buildCsp(n, true)).toContain("'unsafe-eval'");
    expect(new Set(Array.from({ length: 100 }, newNonce)).size).toBe(100);
    expect(nonceOf("default-src 'self'")).toBeNull();
  });
});

describe("pageCacheEnabled", () => {
  it("is on unless PAGE_CACHE=0 or in development", () => {
    expect(pageCacheEnabled({ NODE_ENV: "production" })).toBe(true);
    expect(pageCacheEnabled({})).toBe(true);
    expect(pageCacheEnabled({ NODE_ENV: "production", PAGE_CACHE: "0" })).toBe(false);
    expect(pageCacheEnabled({ NODE_ENV: "development" })).toBe(false);
  });
});
