// Sign-in throttling per account and per address (OWASP ASVS 2.2.1), counted in PostgreSQL by
// rate-limiter-flexible's RateLimiterPrisma (table SignInThrottle), so every portal replica shares the
// counts. Only failures count; a success clears the account's count. A throttled attempt is refused
// without checking the password, so guessing on stops telling right from wrong.
import type { Db } from "@capstan/db";
import { DomainError } from "@capstan/domain";
import { RateLimiterPrisma } from "rate-limiter-flexible";

/** Failures allowed per account and per address in one window (ms) before sign-in is refused. */
export interface ThrottleSettings {
  accountAttempts: number;
  addressAttempts: number;
  windowMs: number;
}

/** 10 failures per account or 50 per address within 15 minutes, as ASVS 2.2.1 suggests ("no more than 100 an hour"). */
export const DEFAULT_THROTTLE: ThrottleSettings = { accountAttempts: 10, addressAttempts: 50, windowMs: 15 * 60_000 };

/** 429: too many failed sign-ins; `retryAfterMs` until the window ends. */
export class SignInThrottled extends DomainError {
  constructor(readonly retryAfterMs: number) {
    super("sign_in_throttled", { minutes: Math.max(1, Math.ceil(retryAfterMs / 60_000)) });
  }
}

const limiters = new WeakMap<Db, Map<string, { account: RateLimiterPrisma; address: RateLimiterPrisma }>>();

function limitersFor(db: Db, s: ThrottleSettings) {
  let byDb = limiters.get(db);
  if (!byDb) limiters.set(db, (byDb = new Map()));
  const id = JSON.stringify(s);
  let pair = byDb.get(id);
  if (!pair) {
    // The model's client accessor; the library deletes rows expired an hour ago every 5 minutes.
    const common = { storeClient: db, tableName: "signInThrottle", duration: s.windowMs / 1000 };
    pair = {
      account: new RateLimiterPrisma({ ...common, keyPrefix: "account", points: s.accountAttempts }),
      address: new RateLimiterPrisma({ ...common, keyPrefix: "address", points: s.addressAttempts }),
    };
    byDb.set(id, pair);
  }
  return pair;
}

/** Throws SignInThrottled when the account or the address has used up its failures in this window. */
export async function assertNotThrottled(db: Db, email: string, ip: string | null, s: ThrottleSettings): Promise<void> {
  const l = limitersFor(db, s);
  const [account, address] = await Promise.all([l.account.get(email), ip ? l.address.get(ip) : null]);
  const waits = [
    account && account.consumedPoints >= s.accountAttempts ? account.msBeforeNext : 0,
    address && address.consumedPoints >= s.addressAttempts ? address.msBeforeNext : 0,
  ];
  const wait = Math.max(...waits);
  if (wait > 0) throw new SignInThrottled(wait);
}

/** Counts a failure; returns true when this one used up the account's or the address's allowance. */
export async function recordFailure(db: Db, email: string, ip: string | null, s: ThrottleSettings): Promise<boolean> {
  const l = limitersFor(db, s);
  const [account, address] = await Promise.all([l.account.penalty(email, 1), ip ? l.address.penalty(ip, 1) : null]);
  return account.consumedPoints === s.accountAttempts || address?.consumedPoints === s.addressAttempts;
}

/** A success clears the account's failures (not the address's: one right guess must not reset a spray). */
export async function recordSuccess(db: Db, email: string, s: ThrottleSettings): Promise<void> {
  await limitersFor(db, s).account.delete(email);
}
