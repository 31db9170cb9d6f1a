// Password hashing (argon2id) and the password policy.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// @node-rs/argon2 defaults to argon2id; parameters per OWASP's argon2id guidance.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** How many hashes were computed in this process: the throttle test checks it does not move. */
export const hashStats = { computed: 0 };

export async function hashPassword(plain: string): Promise<string> {
  hashStats.computed++;
  return hash(plain, OPTIONS);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  hashStats.computed++;
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

// Compared against when the user does not exist, so both paths cost one hash.
let dummyHash: Promise<string> | undefined;
export async function burnOneHash(plain: string): Promise<void> {
  dummyHash ??= hash("不存在的用户的占位密码", OPTIONS);
  await verifyPassword(await dummyHash, plain);
}

export const PASSWORD_RULES = "至少 10 位，须同时包含字母和数字，不能与用户名相同";

export function ZNewPassword(username?: string) {
  return z
    .string()
    .min(10, "密码至少 10 位")
    .max(128, "密码最多 128 位")
    .regex(/[A-Za-z]/, "密码须包含字母")
    .regex(/\d/, "密码须包含数字")
    .refine((p) => !username || p.toLowerCase() !== username.toLowerCase(), "密码不能与用户名相同");
}
