// The Content-Security-Policy of every page: scripts only from this origin or carrying the
// response's nonce. One definition for proxy.ts (rendered pages) and the page cache (a
// cached page is sent with a new nonce).
import { randomUUID } from "node:crypto";

export function newNonce(): string {
  return Buffer.from(randomUUID()).toString("base64");
}

export function buildCsp(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'", // Tailwind and recharts set inline styles
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'", // evidence previews (PDF) are served by this app
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The nonce a policy built by buildCsp carries, or null. */
export function nonceOf(csp: string): string | null {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? null;
}
