/**
 * The suite's clock. Every test file starts pinned to SUITE_NOW (tests/support/suite-clock.ts, a vitest
 * setup file), so dates in assertions, term locks, quiet hours and the demo world's school year do not
 * depend on the day or the hour the suite runs. A test that needs another day or hour pins it here. The
 * subgraphs under test run in the test's process, so they read the pinned clock too, and tokens are signed
 * and verified by it. A pinned clock runs on from the instant it is given, so timeouts and ordering behave.
 */
import { clockFrom, setClock } from "../../shared/clock.js";

/** A Thursday of the second quarter of 2026/27, 11:00 in Tashkent: a school day, outside quiet hours. */
export const SUITE_NOW = "2026-12-03T06:00:00Z";

/** Sets "now" to `instant` (an ISO date-time, e.g. "2027-09-15T06:00:00Z"); the clock then runs on from there. */
export function pinClock(instant: string): void {
  setClock(clockFrom(instant));
}

/** Sets "now" to 11:00 in Tashkent (06:00 UTC) of the given day. */
export function pinToday(day: string): void {
  pinClock(`${day}T06:00:00Z`);
}

/** Back to the suite's instant. */
export function unpinToday(): void {
  pinClock(SUITE_NOW);
}
