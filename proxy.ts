// Security headers on every page: a per-request nonce CSP (no 'unsafe-eval' outside
// development), frame-ancestors 'none', and friends. Authentication is NOT decided here:
// every page, action and route checks the session itself (lib/auth/guard.ts).
import { NextResponse, type NextRequest } from "next/server";
import { buildCsp, newNonce } from "@/lib/http/csp";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = buildCsp(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
