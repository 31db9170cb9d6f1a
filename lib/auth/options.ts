import "server-only";
// next-auth configuration: credentials sign-in, JWT session cookie (HttpOnly, SameSite=Lax,
// Secure behind HTTPS). The token carries only the user id and session version; who the
// user is and what they may do is read from the database on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { attemptSignIn } from "./signin";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const h = (name: string) => {
    const v = headers?.[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return h("x-forwarded-for")?.split(",")[0]?.trim() || h("x-real-ip") || "unknown";
}

const secureCookies = (process.env.NEXTAUTH_URL ?? "").startsWith("https://") || process.env.AUTH_SECURE_COOKIES === "true";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  useSecureCookies: secureCookies,
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "用户名和密码",
      credentials: { username: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "").slice(0, 100);
        const password = String(credentials?.password ?? "").slice(0, 200);
        if (!username || !password) throw new Error("请输入用户名和密码");
        const res = await attemptSignIn(getDb(), username, password, clientIp(req?.headers as Record<string, string>));
        if (!res.ok) throw new Error(res.message);
        return { id: String(res.user.id), name: res.user.username, sv: res.user.sessionVersion } as never;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number((user as { id: string }).id);
        token.sv = (user as unknown as { sv: number }).sv;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv } as typeof session;
    },
  },
};
