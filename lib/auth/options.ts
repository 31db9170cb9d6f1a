import "server-only";
// next-auth configuration: credentials sign-in, JWT session cookie (HttpOnly, SameSite=Lax,
// Secure behind HTTPS). The token carries only the user id, session version, a session id
// and the sign-in time; who the user is and what they may do is read from the database on
// every request (lib/auth/session.ts), and a signed-out session id is refused there.
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { safeCallbackUrl } from "./callback-url";
import { revokeSession } from "./revocation";
import { SESSION_MAX_AGE_SECONDS, secureSessionCookies } from "./session-cookie";
import { attemptSignIn, signInErrorMessage } from "./signin";

/** The address the server resolved from the socket (lib/http/client-ip.ts), nothing a client sent. */
function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const v = headers?.[CLIENT_IP_HEADER];
  return (Array.isArray(v) ? v[0] : v) || "unknown";
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  useSecureCookies: secureSessionCookies(),
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "用户名和密码",
      credentials: { username: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "").slice(0, 100);
        const password = String(credentials?.password ?? "").slice(0, 200);
        if (!username || !password) throw new Error("请输入用户名和密码");
        let res: Awaited<ReturnType<typeof attemptSignIn>>;
        try {
          res = await attemptSignIn(getDb(), username, password, clientIp(req?.headers as Record<string, string>));
        } catch (e) {
          // next-auth shows this message on the form: never the raw error (a host and port)
          console.error("[signin]", e);
          throw new Error(signInErrorMessage(e));
        }
        if (!res.ok) throw new Error(res.message);
        return { id: String(res.user.id), name: res.user.username, sv: res.user.sessionVersion } as never;
      },
    }),
  ],
  callbacks: {
    // only same-origin paths (lib/auth/callback-url.ts); anything else goes home
    redirect: ({ url, baseUrl }) => safeCallbackUrl(url, baseUrl),
    async jwt({ token, user }) {
      if (user) {
        // a new session: its own id (what sign-out revokes) and its start (absolute lifetime)
        token.uid = Number((user as { id: string }).id);
        token.sv = (user as unknown as { sv: number }).sv;
        token.sid = randomUUID();
        token.at = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, at: token.at } as typeof session;
    },
  },
  events: {
    // the cookie is deleted in the browser, but a copy of it must not work either
    async signOut({ token }) {
      await revokeSession(getDb().prisma, token);
    },
  },
};
