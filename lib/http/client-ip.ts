// The client's address, decided once where the socket is known (scripts/start.ts) and
// handed to the app in a private request header. X-Forwarded-For is believed only when the
// connection comes from a configured proxy (TRUSTED_PROXIES: comma-separated addresses or
// CIDR ranges); otherwise anyone could pick the address the throttle and the audit trail see.
import { BlockList, isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/** Set by the server on every request (any copy sent by a client is removed first). */
export const CLIENT_IP_HEADER = "x-egov-client-ip";

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything that is not an address → null. */
export function normaliseIp(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let ip = raw.trim();
  if (ip.startsWith("[") && ip.includes("]")) ip = ip.slice(1, ip.indexOf("]")); // "[::1]:443"
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  return isIP(ip) ? ip.toLowerCase() : null;
}

/** Parses TRUSTED_PROXIES; an entry that is not an address or CIDR range is an error. */
export function parseTrustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits, extra] = entry.split("/");
    const ip = normaliseIp(addr);
    const family = ip && isIP(ip) === 6 ? "ipv6" : "ipv4";
    const prefix = bits === undefined ? null : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!ip || extra !== undefined || Number.isNaN(prefix) || (prefix !== null && prefix > (family === "ipv6" ? 128 : 32))) {
      throw new Error(`TRUSTED_PROXIES 中的 "${entry}" 不是 IP 地址或 CIDR 网段`);
    }
    if (prefix === null) list.addAddress(ip, family);
    else list.addSubnet(ip, prefix, family);
  }
  return list;
}

function trusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client address: the socket's peer, unless that peer is a trusted proxy; then the
 * X-Forwarded-For chain is walked from the right, past every trusted proxy, to the first
 * address that is not one (the leftmost entries are whatever the client chose to send).
 */
export function resolveClientIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, proxies: BlockList): string {
  const peer = normaliseIp(remoteAddress);
  if (!peer) return "unknown";
  if (!trusted(proxies, peer)) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  let client = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normaliseIp(chain[i]);
    if (!hop) break; // garbage: stop at the last address a trusted proxy vouched for
    client = hop;
    if (!trusted(proxies, hop)) break;
  }
  return client;
}

/** Replaces any client-sent CLIENT_IP_HEADER with the resolved address (call before Next). */
export function stampClientIp(req: IncomingMessage, proxies: BlockList): void {
  delete req.headers[CLIENT_IP_HEADER];
  req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies);
}
