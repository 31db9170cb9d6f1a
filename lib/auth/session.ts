import "server-only";
// Who is asking: the session cookie names a user; the database says whether that user
// still exists, is enabled, and holds the same session version (reset/disable ends it).
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { getPrisma } from "../db/client";
import { authOptions } from "./options";
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
  const session = (await getServerSession(authOptions)) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  const u = await getPrisma().user.findUnique({
    where: { id: session.uid },
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
  });
  if (!u || u.disabled || u.sessionVersion !== session.sv) return null;
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

export async function requestIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}
