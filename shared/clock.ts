/**
 * The one source of "now". Nothing else reads the wall clock: code asks `now()` (or `nowMs()`), so a test,
 * a benchmark or `npm run retention --now` can pin the instant for everything at once. Durations that are
 * never stored or compared with a date (timing a seed, a benchmark) use `performance.now()` instead.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

let active: Clock = systemClock;

/** The current instant, from the active clock. */
export const now = (): Date => active.now();

/** The current instant in milliseconds since the epoch, from the active clock. */
export const nowMs = (): number => active.now().getTime();

/** Makes `clock` the source of every "now" in this process until `resetClock`. */
export function setClock(clock: Clock): void {
  active = clock;
}

/** Back to the machine's clock. */
export function resetClock(): void {
  active = systemClock;
}

/**
 * A clock that reads `start` at the moment it is made and then runs on at the machine's pace, so timeouts,
 * token expiry and ordering still behave while the date and hour are the test's choice.
 */
export function clockFrom(start: Date | string): Clock {
  const startMs = typeof start === "string" ? Date.parse(start) : start.getTime();
  const origin = performance.now();
  return { now: () => new Date(startMs + (performance.now() - origin)) };
}

/** A clock stopped at `at`. */
export const fixedClock = (at: Date | string): Clock => {
  const ms = typeof at === "string" ? Date.parse(at) : at.getTime();
  return { now: () => new Date(ms) };
};
