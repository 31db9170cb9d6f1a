// Sign-in throttling with counters in PostgreSQL (shared by every app instance):
// 10 failures per account and 50 per IP address within 10 minutes; past that, attempts
// are refused before any password hash is computed.
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

const accountKey = (username: string) => username.trim().toLowerCase();

/** Seconds until the caller may try again, or 0 when the attempt may proceed. */
export async function throttledFor(pool: pg.Pool, username: string, ip: string): Promise<number> {
  const { account, ip: byIp } = limiters(pool);
  const [a, i] = await Promise.all([account.get(accountKey(username)), byIp.get(ip)]);
  const wait = (r: RateLimiterRes | null, max: number) => (r && r.consumedPoints >= max ? Math.ceil(r.msBeforeNext / 1000) : 0);
  return Math.max(wait(a, THROTTLE.accountFailures), wait(i, THROTTLE.ipFailures));
}

export async function recordFailure(pool: pg.Pool, username: string, ip: string): Promise<void> {
  const { account, ip: byIp } = limiters(pool);
  const swallow = (e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e; // RateLimiterRes = limit reached, expected
  };
  await Promise.all([account.consume(accountKey(username)).catch(swallow), byIp.consume(ip).catch(swallow)]);
}

export async function clearAccountFailures(pool: pg.Pool, username: string): Promise<void> {
  await limiters(pool).account.delete(accountKey(username));
}
