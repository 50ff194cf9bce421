/**
 * Slow-down and lockout of repeated sign-in failures, per login and per client address. Each failure
 * answers a little later than the one before; too many within the window lock the key for a while.
 * Counters live in the database so that several instances of the service share them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { raw, type EntityManager } from "@mikro-orm/core";
import type { Config } from "../../../shared/config.js";
import { RateLimitedError } from "../../../shared/errors.js";
import { SignInThrottle } from "../entities/index.js";

export type LockSettings = Config["signInLock"];

const MAX_DELAY_MS = 2000;
/** A school's pupils often share one address; the address key tolerates more failures than a login. */
export const ADDRESS_FAILURE_FACTOR = 10;

export interface ThrottleKey {
  key: string;
  maxFailures: number;
}

export const throttleKeys = (login: string, clientAddress: string, settings: LockSettings): ThrottleKey[] => [
  { key: `login:${login.trim().toLowerCase()}`, maxFailures: settings.maxFailures },
  { key: `ip:${clientAddress}`, maxFailures: settings.maxFailures * ADDRESS_FAILURE_FACTOR },
];

const windowMs = (settings: LockSettings): number => settings.lockMinutes * 60_000;

/** Failures that still count: none once the lock has run out or the last failure left the window. */
function liveFailures(row: SignInThrottle | null, settings: LockSettings, now: number): number {
  if (!row) return 0;
  if (row.lockedUntil && row.lockedUntil.getTime() <= now) return 0;
  if (!row.lockedUntil && (!row.lastFailureAt || now - row.lastFailureAt.getTime() > windowMs(settings))) return 0;
  return row.failures;
}

/** Throws RATE_LIMITED while any of the keys is locked. */
export async function assertNotLocked(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
  const rows = await em.find(SignInThrottle, { key: { $in: keys.map((k) => k.key) } });
  const now = Date.now();
  if (rows.some((r) => r.lockedUntil && r.lockedUntil.getTime() > now)) {
    throw new RateLimitedError("Too many failed sign-in attempts; try again later");
  }
}

/**
 * Counts one failure on every key (an atomic increment, so parallel guesses are all counted), locks
 * the keys that reached their limit, then waits the growing delay before the caller answers.
 */
export async function recordFailure(em: EntityManager, keys: ThrottleKey[], settings: LockSettings): Promise<void> {
  const now = Date.now();
  const nowDate = new Date(now);
  const existing = new Map((await em.find(SignInThrottle, { key: { $in: keys.map((k) => k.key) } })).map((r) => [r.key, r]));
  let worst = 0;
  for (const { key, maxFailures } of keys) {
    const row = existing.get(key) ?? null;
    const stale = row !== null && liveFailures(row, settings, now) === 0;
    if (!row) {
      // "ignore": a parallel failure may have created the row a moment ago; never reset its count.
      await em.upsert(SignInThrottle, { key, failures: 0, lastFailureAt: null, lockedUntil: null }, { onConflictAction: "ignore" });
    } else if (stale) {
      await em.nativeUpdate(SignInThrottle, { key }, { failures: 0, lockedUntil: null });
    }
    await em.nativeUpdate(SignInThrottle, { key }, { failures: raw("failures + 1"), lastFailureAt: nowDate });
    const fresh = await em.findOneOrFail(SignInThrottle, { key }, { refresh: true });
    if (fresh.failures >= maxFailures && !fresh.lockedUntil) {
      await em.nativeUpdate(SignInThrottle, { key }, { lockedUntil: new Date(now + windowMs(settings)) });
    }
    if (key.startsWith("login:")) worst = Math.max(worst, fresh.failures);
  }
  const delay = Math.min(MAX_DELAY_MS, settings.baseDelayMs * 2 ** Math.max(0, worst - 1));
  if (delay > 0) await sleep(delay);
}

/** A successful sign-in clears its login's counter; the address keeps its count (one good account must not launder it). */
export async function resetLogin(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
  const loginKeys = keys.filter((k) => k.key.startsWith("login:")).map((k) => k.key);
  await em.nativeDelete(SignInThrottle, { key: { $in: loginKeys } });
}
