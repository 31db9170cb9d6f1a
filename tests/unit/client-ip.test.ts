import { describe, expect, it } from "vitest";
import { normaliseIp, parseTrustedProxies, resolveClientIp } from "@/lib/http/client-ip";

describe("client address (X-Forwarded-For only from TRUSTED_PROXIES)", () => {
  const none = parseTrustedProxies(undefined);
  const local = parseTrustedProxies("127.0.0.1");
  const chain = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

  it.each([
    ["no proxies configured: the socket, whatever the header says", "127.0.0.1", "6.6.6.6", none, "127.0.0.1"],
    ["IPv4-mapped socket addresses are plain IPv4", "::ffff:127.0.0.1", "6.6.6.6", none, "127.0.0.1"],
    ["an untrusted peer's header is ignored", "192.0.2.5", "6.6.6.6", local, "192.0.2.5"],
    ["a trusted proxy: the address it saw", "127.0.0.1", "203.0.113.9", local, "203.0.113.9"],
    ["a trusted proxy: the rightmost entry, not what the client prepended", "127.0.0.1", "6.6.6.6, 203.0.113.9", local, "203.0.113.9"],
    ["a chain of trusted proxies is walked past", "127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3", chain, "203.0.113.9"],
    ["a trusted proxy without the header: the proxy", "127.0.0.1", undefined, local, "127.0.0.1"],
    ["garbage in the chain stops the walk at the last good hop", "127.0.0.1", "203.0.113.9, not-an-ip", local, "127.0.0.1"],
    ["IPv6 proxy", "::1", "2001:db8::7", chain, "2001:db8::7"],
  ])("%s", (_name, remote, xff, proxies, expected) => {
    expect(resolveClientIp(remote, xff, proxies)).toBe(expected);
  });

  it("no socket address gives 'unknown'", () => {
    expect(resolveClientIp(undefined, "6.6.6.6", local)).toBe("unknown");
  });

  it.each(["10.0.0.0/33", "example.org", "10.0.0.1/8/1", "10.0.0.0/x", "::1/129"])("refuses TRUSTED_PROXIES entry %s with a clear message", (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(/TRUSTED_PROXIES/);
  });

  it("normalises addresses", () => {
    expect(normaliseIp(" ::FFFF:10.0.0.1 ")).toBe("10.0.0.1");
    expect(normaliseIp("[::1]")).toBe("::1");
    expect(normaliseIp("1.2.3")).toBeNull();
  });
});
