// Password-guess throttling with counters in PostgreSQL (shared by every app instance).
// Every attempt consumes a point BEFORE any password hash is computed: the consume is one
// atomic upsert (rate-limiter-flexible's INSERT … ON CONFLICT DO UPDATE … RETURNING), so
// concurrent attempts each get their own count and at most `accountFailures` of them per
// window ever reach the hash. A success gives its points back.
// - account lock: 10 per account AND client address within 10 minutes, so guesses from
//   one place cannot lock the account for its owner elsewhere;
// - spray limit: 50 per client address within 10 minutes, whatever the account.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type pg from "pg";

export const THROTTLE = { accountFailures: 10, ipFailures: 50, windowSeconds: 600 } as const;

type Limiters = { account: RateLimiterPostgres; ip: RateLimiterPostgres };
const cache = new WeakMap<pg.Pool, Limiters>();

function limiters(pool: pg.Pool): Limiters {
  let l = cache.get(pool);
  if (!l) {
    const common = { storeClient: pool, storeType: "pool", tableName: "auth_rate_limit", tableCreated: true, duration: THROTTLE.windowSeconds, clearExpiredByTimeout: false };
    l = {
      account: new RateLimiterPostgres({ ...common, keyPrefix: "acct", points: THROTTLE.accountFailures }),
      ip: new RateLimiterPostgres({ ...common, keyPrefix: "ip", points: THROTTLE.ipFailures }),
    };
    cache.set(pool, l);
  }
  return l;
}

/** The account lock's key: the account as typed (case-insensitive) at one client address. */
const accountKey = (username: string, ip: string) => `${username.trim().toLowerCase()}|${ip}`;

/**
 * Takes one attempt from both budgets. Returns 0 when the attempt may go on to the
 * password check, else the seconds until the caller may try again (nothing to verify).
 */
export async function consumeAttempt(pool: pg.Pool, username: string, ip: string): Promise<number> {
  const { account, ip: byIp } = limiters(pool);
  const take = (l: RateLimiterPostgres, key: string) =>
    l.consume(key).then(
      () => 0,
      (e: unknown) => {
        if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000)); // over the limit
        throw e;
      },
    );
  const [a, i] = await Promise.all([take(account, accountKey(username, ip)), take(byIp, ip)]);
  return Math.max(a, i);
}

/** The password was right: this attempt was not a guess, give its points back. */
export async function refundAttempt(pool: pg.Pool, username: string, ip: string): Promise<void> {
  const { account, ip: byIp } = limiters(pool);
  await Promise.all([account.delete(accountKey(username, ip)), byIp.reward(ip, 1)]);
}
