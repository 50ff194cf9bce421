/**
 * Slow-down and lockout of repeated sign-in failures, designed so that an attacker can neither guess a
 * password nor lock its owner out. Three counters, all in the database so that several instances share them:
 *
 * - **the login at one address** (`login:<name>|<addr>`): `maxFailures` wrong passwords lock this pair only.
 *   Someone guessing from elsewhere never locks the owner out of the places they sign in from.
 * - **the login from new addresses** (`login:<name>`): failures from addresses the login never signed in
 *   from. Past `newAddressFailures` in the window, new addresses are refused for this login, which bounds a
 *   guesser spread over many addresses. Addresses the login signed in from before (known: the pair row has
 *   `lastSuccessAt` within `knownAddressDays`) are not held back by it.
 * - **the address** (`ip:<addr>`): failures from one address on logins that never signed in from it. Sized
 *   for a school of hundreds behind one NAT (`addressFailures`); its own people are known there anyway.
 *
 * So a known address answers only to its own pair. Every failure answers a little later than the one before
 * (growing with the pair's and, from a new address, the login's failures). Nothing depends on whether the
 * login exists: an unknown login is counted, delayed and locked exactly like a real one, and it can never
 * become known (that needs the right password), so the throttle tells no one which logins exist.
 *
 * An attempt is counted *before* its password is checked: `reserveAttempt` takes one slot on every key
 * with a conditional increment (`failures < limit`), so however many guesses arrive at once, at most the
 * limit of them ever reach scrypt. A successful attempt gives its slots back (`settleSuccess`).
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { raw, type EntityManager } from "@mikro-orm/core";
import type { Config } from "../../../shared/config.js";
import { RateLimitedError } from "../../../shared/errors.js";
import { SignInThrottle } from "../entities/index.js";
import { now as clockNow, nowMs } from "../../../shared/clock.js";

export type LockSettings = Config["signInLock"];

const MAX_DELAY_MS = 2000;
const DAY_MS = 24 * 60 * 60_000;
/** The longest textual IPv6 address; anything longer (a zone id, a proxy's oddity) is stored as a digest. */
const MAX_ADDRESS_LENGTH = 45;

export interface ThrottleKey {
  key: string;
  maxFailures: number;
  /** The login (or partner) key the row belongs to; null for an address row. */
  account: string | null;
  /** The account at this address: a success clears it and marks the address known. */
  pair?: boolean;
  /** Its failures set how long a failed attempt waits before it is answered. */
  paces?: boolean;
}

/** The throttle key of a login; rows naming it are removed when the person is anonymised. */
export const loginThrottleKey = (login: string): string => `login:${login.trim().toLowerCase()}`;

/** The throttle key of a partner client: a partner's token requests are throttled like sign-ins. */
export const partnerThrottleKey = (clientId: string): string => `partner:${clientId.trim().toLowerCase()}`;

const addressPart = (address: string): string =>
  address.length <= MAX_ADDRESS_LENGTH ? address : createHash("sha256").update(address, "utf8").digest("hex").slice(0, 40);

export const pairThrottleKey = (account: string, clientAddress: string): string => `${account}|${addressPart(clientAddress)}`;

const windowMs = (settings: LockSettings): number => settings.lockMinutes * 60_000;

/**
 * The counters an attempt on `account` (see {@link loginThrottleKey}) from `clientAddress` is held to: only
 * its pair when the account signed in from this address within `knownAddressDays`, else all three.
 */
export async function throttleKeys(
  em: EntityManager,
  account: string,
  clientAddress: string,
  settings: LockSettings,
): Promise<ThrottleKey[]> {
  const pairKey = pairThrottleKey(account, clientAddress);
  const pair: ThrottleKey = { key: pairKey, maxFailures: settings.maxFailures, account, pair: true, paces: true };
  const knownSince = new Date(nowMs() - settings.knownAddressDays * DAY_MS);
  const known = (await em.count(SignInThrottle, { key: pairKey, lastSuccessAt: { $gt: knownSince } })) > 0;
  if (known) return [pair];
  return [
    pair,
    { key: account, maxFailures: settings.newAddressFailures, account, paces: true },
    { key: `ip:${addressPart(clientAddress)}`, maxFailures: settings.addressFailures, account: null },
  ];
}

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
    keys.map(({ key, account }) => ({ key, account, failures: 0, lastFailureAt: null, lockedUntil: null })),
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
  for (const { key, maxFailures, paces } of keys) {
    const row = rows.get(key);
    if (!row) continue;
    if (row.failures >= maxFailures && !row.lockedUntil) {
      await em.nativeUpdate(SignInThrottle, { key, lockedUntil: null }, { lockedUntil: new Date(now + windowMs(settings)) });
    }
    if (paces) worst = Math.max(worst, row.failures);
  }
  const delay = Math.min(MAX_DELAY_MS, settings.baseDelayMs * 2 ** Math.max(0, worst - 1));
  if (delay > 0) await sleep(delay);
}

/**
 * The reserved attempt succeeded: the pair's counter is cleared and its address becomes known; the login
 * and the address get back the slot this attempt took but keep their earlier failures (one good sign-in
 * must not launder a guesser's). Addresses the account has not used for `knownAddressDays` are forgotten.
 */
export async function settleSuccess(em: EntityManager, keys: ThrottleKey[], settings: LockSettings): Promise<void> {
  const now = clockNow();
  for (const { key, pair, account } of keys) {
    if (!pair) {
      await release(em, key);
      continue;
    }
    await em.nativeUpdate(SignInThrottle, { key }, { failures: 0, lastFailureAt: null, lockedUntil: null, lastSuccessAt: now });
    await em.nativeDelete(SignInThrottle, {
      account,
      key: { $ne: key },
      failures: 0,
      lastSuccessAt: { $lt: new Date(now.getTime() - settings.knownAddressDays * DAY_MS) },
    });
  }
}
