import "server-only";
// Initial passwords handed out by an admin: random, readable aloud (no 0/O, 1/l/I), and
// always acceptable to the password policy. Shown once; only the hash is stored.
import { randomInt } from "node:crypto";
import { ZNewPassword } from "../auth/password";

const LETTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const ALL = LETTERS + DIGITS;
const LENGTH = 12;

export function generateInitialPassword(username = ""): string {
  for (;;) {
    const chars = Array.from({ length: LENGTH }, () => ALL[randomInt(ALL.length)]);
    // guarantee a letter and a digit at random positions
    const digitAt = randomInt(LENGTH);
    const letterAt = (digitAt + 1 + randomInt(LENGTH - 1)) % LENGTH;
    chars[digitAt] = DIGITS[randomInt(DIGITS.length)];
    chars[letterAt] = LETTERS[randomInt(LETTERS.length)];
    const password = chars.join("");
    if (ZNewPassword(username).safeParse(password).success) return password;
  }
}
