/**
 * Pins the process's clock (Date only; timers stay real) for tests whose outcome depends on the day, such
 * as term locks. The subgraphs under test run in the test's process, so they read the pinned clock too.
 * Mint tokens after pinning: a token signed at one pinned time may have expired at the next.
 */
import { vi } from "vitest";

/** Sets "now" to 11:00 in Tashkent (06:00 UTC) of the given day; the clock then runs on from there. */
export function pinToday(day: string): void {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(`${day}T06:00:00Z`));
}

export function unpinToday(): void {
  vi.useRealTimers();
}
