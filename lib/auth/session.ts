import "server-only";
// Who is asking: the session cookie names a user and a session; the database says whether
// that user still exists, is enabled, holds the same session version (a password change,
// reset or disable ends every session) and whether this session was signed out.
import { decode, encode } from "next-auth/jwt";
import type pg from "pg";
import { z } from "zod";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDb } from "../db/client";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { authOptions } from "./options";
import { createTokenReader, liveClaims, secureSessionCookies, SESSION_MAX_AGE_SECONDS, sessionCookieName, type SessionClaims } from "./session-cookie";
import { isRole, type Role } from "./permissions";

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unitCode: string | null;
  unitName: string | null;
  mustChangePassword: boolean;
};

const ZSessionUserRow = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  roles: z.array(z.string()),
  unit_code: z.string().nullable(),
  unit_name: z.string().nullable(),
  disabled: z.boolean(),
  session_version: z.number().int(),
  must_change_password: z.boolean(),
  revoked: z.boolean(),
});

/**
 * The user a session names, if the session may still be used: one SQL join on every
 * signed-in request (typed SQL, not Prisma: see docs/architecture.md "Typed SQL").
 */
export async function readSessionUser(pool: Pick<pg.Pool, "query">, claims: Pick<SessionClaims, "uid" | "sv" | "sid">): Promise<SessionUser | null> {
  const r = await pool.query(
    `SELECT u.id, u.username, u.display_name, u.roles::text[] AS roles, u.unit_code, un.name AS unit_name,
            u.disabled, u.session_version, u.must_change_password,
            EXISTS (SELECT 1 FROM revoked_session r WHERE r.sid = $2) AS revoked
       FROM app_user u LEFT JOIN unit un ON un.code = u.unit_code
      WHERE u.id = $1`,
    [claims.uid, claims.sid],
  );
  if (r.rows.length === 0) return null;
  const u = ZSessionUserRow.parse(r.rows[0]);
  if (u.disabled || u.revoked || u.session_version !== claims.sv) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles.filter(isRole),
    unitCode: u.unit_code,
    unitName: u.unit_name,
    mustChangePassword: u.must_change_password,
  };
}

const globalForTokens = globalThis as unknown as { __egovSessionTokens?: ReturnType<typeof createTokenReader> };
function readToken(token: string) {
  globalForTokens.__egovSessionTokens ??= createTokenReader(async (t) => {
    const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
    return secret ? decode({ token: t, secret }) : null;
  });
  return globalForTokens.__egovSessionTokens(token);
}

/**
 * The session cookie's claims, as next-auth's getServerSession would read them (the same
 * cookie, decode and lifetimes) without its per-request re-encryption of a cookie that a
 * server component cannot set anyway.
 */
async function sessionClaims(): Promise<SessionClaims | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  return token ? readToken(token) : null;
}

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await sessionClaims();
  if (!claims) return null; // none, expired, past its absolute lifetime, or from before session ids
  return readSessionUser(getDb().pool, claims);
});

/**
 * The client's address as the server resolved it from the socket (scripts/start.ts; see
 * lib/http/client-ip.ts). X-Forwarded-For is never read here: only configured proxies may
 * set it, and the server has already applied that rule.
 */
export async function requestIp(): Promise<string> {
  return (await headers()).get(CLIENT_IP_HEADER) || "unknown";
}

/**
 * After this session changed the password (and so the session version): the same session
 * (same id and sign-in time) with the new version, so it goes on while every other ends.
 * Call from a server action or route handler (it sets a cookie).
 */
export async function reissueSessionCookie(sessionVersion: number): Promise<void> {
  const jar = await cookies();
  const name = sessionCookieName();
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  const current = jar.get(name)?.value;
  if (!current || !secret) return;
  const token = await decode({ token: current, secret });
  if (!token || !liveClaims(token)) return;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  jar.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure: secureSessionCookies(), maxAge: SESSION_MAX_AGE_SECONDS });
}
