/**
 * Slow-down and lockout of repeated sign-in failures, per login (or partner client id) and per client address. Each failure
 * answers a little later than the one before; too many within the window lock the key for a while.
 * Counters live in the database so that several instances of the service share them.
 *
 * An attempt is counted *before* its password is checked: `reserveAttempt` takes one slot on every key
 * with a conditional increment (`failures < limit`), so however many guesses arrive at once, at most the
 * limit of them ever reach scrypt. A successful attempt gives its slots back (`settleSuccess`).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { raw, type EntityManager } from "@mikro-orm/core";
import type { Config } from "../../../shared/config.js";
import { RateLimitedError } from "../../../shared/errors.js";
import { SignInThrottle } from "../entities/index.js";
import { now as clockNow, nowMs } from "../../../shared/clock.js";

export type LockSettings = Config["signInLock"];

const MAX_DELAY_MS = 2000;
/** A school's pupils often share one address; the address key tolerates more failures than a login. */
export const ADDRESS_FAILURE_FACTOR = 10;

export interface ThrottleKey {
  key: string;
  maxFailures: number;
  /**
   * The key of one account (a login, a partner's client id): a success clears it and its failures set the
   * delay. The address key only gets back the slot of a successful attempt.
   */
  account?: boolean;
}

const LOGIN_PREFIX = "login:";

/** The throttle row of a login (it names the login, so anonymisation removes it). */
export const loginThrottleKey = (login: string): string => `${LOGIN_PREFIX}${login.trim().toLowerCase()}`;

const addressKey = (clientAddress: string, settings: LockSettings): ThrottleKey => ({
  key: `ip:${clientAddress}`,
  maxFailures: settings.maxFailures * ADDRESS_FAILURE_FACTOR,
});

export const throttleKeys = (login: string, clientAddress: string, settings: LockSettings): ThrottleKey[] => [
  { key: loginThrottleKey(login), maxFailures: settings.maxFailures, account: true },
  addressKey(clientAddress, settings),
];

/** A partner's token requests are throttled like sign-ins: per client id, and per address together with them. */
export const partnerThrottleKeys = (clientId: string, clientAddress: string, settings: LockSettings): ThrottleKey[] => [
  { key: `partner:${clientId.trim().toLowerCase()}`, maxFailures: settings.maxFailures, account: true },
  addressKey(clientAddress, settings),
];

const windowMs = (settings: LockSettings): number => settings.lockMinutes * 60_000;

const locked = (): RateLimitedError => new RateLimitedError("Too many failed sign-in attempts; try again later");

/** Gives back one reserved slot (never below zero). */
async function release(em: EntityManager, key: string): Promise<void> {
  await em.nativeUpdate(SignInThrottle, { key, failures: { $gt: 0 } }, { failures: raw("failures - 1") });
}

/**
 * Counts this attempt on every key, atomically and before the password is verified; throws RATE_LIMITED
 * (taking nothing) when any key is locked or has no attempt left in its window.
 */
export async function reserveAttempt(em: EntityManager, keys: ThrottleKey[], settings: LockSettings): Promise<void> {
  const now = clockNow();
  const names = keys.map((k) => k.key);
  // "ignore": a parallel attempt may have created the row a moment ago; never reset its count.
  await em.upsertMany(
    SignInThrottle,
    names.map((key) => ({ key, failures: 0, lastFailureAt: null, lockedUntil: null })),
    { onConflictAction: "ignore" },
  );
  // A lock that ran out, or failures that left the window, count no more. Conditional, so a count
  // another attempt has just raised (lastFailureAt = now) is never wiped.
  await em.nativeUpdate(
    SignInThrottle,
    {
      key: { $in: names },
      $or: [{ lockedUntil: { $lte: now } }, { lockedUntil: null, lastFailureAt: { $lt: new Date(now.getTime() - windowMs(settings)) } }],
    },
    { failures: 0, lockedUntil: null },
  );
  const taken: string[] = [];
  for (const { key, maxFailures } of keys) {
    const claimed = await em.nativeUpdate(
      SignInThrottle,
      { key, lockedUntil: null, failures: { $lt: maxFailures } },
      { failures: raw("failures + 1"), lastFailureAt: now },
    );
    if (claimed === 0) {
      for (const done of taken) await release(em, done);
      throw locked();
    }
    taken.push(key);
  }
}

/**
 * The reserved attempt failed: it stays counted. Locks the keys that reached their limit, then waits the
 * growing delay before the caller answers.
 */
export async function recordFailure(em: EntityManager, keys: ThrottleKey[], settings: LockSettings): Promise<void> {
  const now = nowMs();
  const rows = new Map((await em.find(SignInThrottle, { key: { $in: keys.map((k) => k.key) } }, { refresh: true })).map((r) => [r.key, r]));
  let worst = 0;
  for (const { key, maxFailures, account } of keys) {
    const row = rows.get(key);
    if (!row) continue;
    if (row.failures >= maxFailures && !row.lockedUntil) {
      await em.nativeUpdate(SignInThrottle, { key, lockedUntil: null }, { lockedUntil: new Date(now + windowMs(settings)) });
    }
    if (account) worst = Math.max(worst, row.failures);
  }
  const delay = Math.min(MAX_DELAY_MS, settings.baseDelayMs * 2 ** Math.max(0, worst - 1));
  if (delay > 0) await sleep(delay);
}

/**
 * The reserved attempt succeeded: its login's (or client's) counter is cleared, and the address gets back the slot this
 * attempt took but keeps its earlier failures (one good account must not launder them).
 */
export async function settleSuccess(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
  const accountKeys = keys.filter((k) => k.account).map((k) => k.key);
  await em.nativeDelete(SignInThrottle, { key: { $in: accountKeys } });
  for (const { key, account } of keys) if (!account) await release(em, key);
}
