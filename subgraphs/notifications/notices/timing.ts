/**
 * When a notice may be pushed. Clock times are Tashkent's (UTC+5 all year, no daylight saving: the same
 * offset, from shared/days.ts). Urgent notices go at once; others wait for the end of quiet hours, or,
 * for a guardian who chose the digest, for the next digest time (itself moved out of quiet hours).
 */
import type { NoticeTiming, QuietHours } from "../../../shared/config.js";
import { tashkentMinute } from "../../../shared/days.js";

const DAY_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;

const floorToMinute = (at: Date): number => Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;

export function inQuietHours(at: Date, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const m = tashkentMinute(at);
  return quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
}

/** `at` itself outside quiet hours, otherwise the instant they end. */
export function endOfQuietHours(at: Date, quiet: QuietHours | null): Date {
  if (!quiet || !inQuietHours(at, quiet)) return at;
  const wait = (quiet.end - tashkentMinute(at) + DAY_MINUTES) % DAY_MINUTES;
  return new Date(floorToMinute(at) + wait * MINUTE_MS);
}

/** The first digest time at or after `at`, out of quiet hours. */
export function nextDigestAt(at: Date, timing: NoticeTiming): Date {
  const wait = (timing.digestAt - tashkentMinute(at) + DAY_MINUTES) % DAY_MINUTES;
  let next = floorToMinute(at) + wait * MINUTE_MS;
  if (next < at.getTime()) next += DAY_MINUTES * MINUTE_MS;
  return endOfQuietHours(new Date(next), timing.quietHours);
}

export interface Schedule {
  deliverAfter: Date;
  inDigest: boolean;
}

/** When a new notice may be pushed, and whether it waits for the digest instead of going alone. */
export function scheduleNotice(now: Date, urgent: boolean, wantsDigest: boolean, timing: NoticeTiming): Schedule {
  if (urgent) return { deliverAfter: now, inDigest: false };
  if (wantsDigest) return { deliverAfter: nextDigestAt(now, timing), inDigest: true };
  return { deliverAfter: endOfQuietHours(now, timing.quietHours), inDigest: false };
}
