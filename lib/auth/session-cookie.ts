// The session cookie's name and lifetimes, shared by next-auth's options, the cookie
// reissue after a password change and the page cache (which must read exactly the cookie
// next-auth reads). No "server-only": scripts/start.ts loads the page cache outside Next.

/** Idle lifetime: a cookie not refreshed for this long expires (next-auth's maxAge). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** Absolute lifetime from sign-in: a session ends after this however active it is. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

export function secureSessionCookies(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.NEXTAUTH_URL ?? "").startsWith("https://") || env.AUTH_SECURE_COOKIES === "true";
}

/** The one cookie next-auth reads the session from (its chunks would be `${name}.0`, …). */
export function sessionCookieName(env: NodeJS.ProcessEnv = process.env): string {
  return secureSessionCookies(env) ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The claims our session token carries besides next-auth's own. */
export type SessionClaims = { uid: number; sv: number; sid: string; at: number };

/** Well-formed claims of a session still within its absolute lifetime, else null. */
export function liveClaims(token: unknown, now = Date.now()): SessionClaims | null {
  const t = token as Partial<Record<keyof SessionClaims, unknown>> | null;
  if (!t || typeof t.uid !== "number" || typeof t.sv !== "number" || typeof t.sid !== "string" || !t.sid || typeof t.at !== "number") return null;
  if ((t.at + SESSION_ABSOLUTE_SECONDS) * 1000 <= now) return null;
  return { uid: t.uid, sv: t.sv, sid: t.sid, at: t.at };
}

/**
 * Reads session tokens: next-auth's decode (HKDF + AES-GCM, the largest CPU item of a
 * signed-in request) once per token, then from memory until the token's own expiry. The
 * same token always decodes to the same claims, so the cache changes no answer; expiry and
 * the absolute lifetime are checked on every read. Used by lib/auth/session.ts and the
 * page cache (lib/http/page-cache.ts), so both read a cookie the same way.
 */
export type TokenClaims = SessionClaims & { exp: number };
export function createTokenReader(decode: (token: string) => Promise<unknown>, max = 5_000): (token: string, now?: number) => Promise<TokenClaims | null> {
  const known = new Map<string, TokenClaims | null>(); // insertion order: oldest first
  return async (token, now = Date.now()) => {
    let hit = known.get(token);
    if (hit === undefined) {
      let jwt: { exp?: unknown } | null = null;
      try {
        jwt = (await decode(token)) as { exp?: unknown } | null;
      } catch {
        jwt = null; // tampered, wrong secret or not ours
      }
      const claims = liveClaims(jwt, now);
      hit = claims && typeof jwt?.exp === "number" ? { ...claims, exp: jwt.exp } : null;
      if (known.size >= max) known.delete(known.keys().next().value as string);
      known.set(token, hit);
    }
    if (!hit || hit.exp * 1000 <= now || !liveClaims(hit, now)) return null;
    return hit;
  };
}
