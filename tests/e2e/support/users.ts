// Accounts a spec creates straight in the e2e server's database (a 填报员 of the unit it
// works on, a fresh user who must change the password). Hashing is argon2 and costs real
// CPU on a loaded machine, so each password is hashed once per worker and reused.
import type pg from "pg";
import { hashPassword } from "../../../lib/auth/password";
import { DEMO_PASSWORD } from "../../../playwright.config";

const hashes = new Map<string, Promise<string>>();
/** argon2 hash of `password`, computed once per worker process. */
export function passwordHash(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hashPassword(password)));
  return h;
}

export type NewUser = {
  username: string;
  displayName: string;
  /** app roles, default a 填报员 */
  roles?: string[];
  unitCode?: string | null;
  /** default DEMO_PASSWORD (what signIn uses) */
  password?: string;
  mustChangePassword?: boolean;
  /** "keep" (default): an existing user of that name is left as it is; "fail": the insert must create it */
  ifExists?: "keep" | "fail";
};

/** Inserts one app_user; returns its id (the existing one's with ifExists "keep"). */
export async function createUser(c: pg.Client, u: NewUser): Promise<number> {
  const keep = (u.ifExists ?? "keep") === "keep";
  const r = await c.query(
    `INSERT INTO app_user (username, display_name, password_hash, roles, unit_code, must_change_password, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now()) ${keep ? "ON CONFLICT (username) DO NOTHING" : ""} RETURNING id`,
    [u.username, u.displayName, await passwordHash(u.password ?? DEMO_PASSWORD), u.roles ?? ["filler"], u.unitCode ?? null, u.mustChangePassword ?? false],
  );
  if (r.rows.length) return r.rows[0].id as number;
  return (await c.query(`SELECT id FROM app_user WHERE username = $1`, [u.username])).rows[0].id as number;
}
