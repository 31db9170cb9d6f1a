import "server-only";
// Who is asking: the session cookie names a user and a session; the database says whether
// that user still exists, is enabled, holds the same session version (a password change,
// reset or disable ends every session) and whether this session was signed out.
import { getServerSession } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getPrisma } from "../db/client";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { authOptions } from "./options";
import { isSessionRevoked } from "./revocation";
import { liveClaims, secureSessionCookies, SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./session-cookie";
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

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = liveClaims(await getServerSession(authOptions));
  if (!claims) return null; // none, past its absolute lifetime, or from before session ids
  const prisma = getPrisma();
  const [u, revoked] = await Promise.all([
    prisma.user.findUnique({
      where: { id: claims.uid },
      select: {
        id: true,
        username: true,
        displayName: true,
        roles: true,
        unitCode: true,
        disabled: true,
        sessionVersion: true,
        mustChangePassword: true,
        unit: { select: { name: true } },
      },
    }),
    isSessionRevoked(prisma, claims.sid),
  ]);
  if (!u || u.disabled || revoked || u.sessionVersion !== claims.sv) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles.filter(isRole),
    unitCode: u.unitCode,
    unitName: u.unit?.name ?? null,
    mustChangePassword: u.mustChangePassword,
  };
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
