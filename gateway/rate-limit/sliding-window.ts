/**
 * A sliding-window counter: two fixed windows, the previous one weighted by how much of it still overlaps
 * the sliding window. Smooth at window edges (no double burst) yet only two counters per caller, which a
 * shared store (Redis) keeps with one atomic script. Refused requests are not counted.
 */

/** Where a caller's counters live: in this process, or shared by several gateway instances. */
export interface RateStore {
  /**
   * Counts one request for `key` in window `window` unless `previous * weight + current + 1 > limit`;
   * returns the counters as they were before the call and whether the request was counted.
   */
  hit(key: string, window: number, weight: number, limit: number, windowMs: number): Promise<WindowCounts>;
  close(): Promise<void>;
}

export interface WindowCounts {
  allowed: boolean;
  current: number;
  previous: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Whole seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

/** The window a moment falls in, and how much of the previous window the sliding window still covers. */
export function windowAt(nowMs: number, windowMs: number): { window: number; elapsedMs: number; weight: number } {
  const window = Math.floor(nowMs / windowMs);
  const elapsedMs = nowMs - window * windowMs;
  return { window, elapsedMs, weight: (windowMs - elapsedMs) / windowMs };
}

/** Whether one more request fits: `previous` weighted by the overlap, plus `current`, plus this one. */
export const fits = (current: number, previous: number, weight: number, limit: number): boolean => previous * weight + current + 1 <= limit;

/**
 * How long a refused caller waits, assuming they send nothing meanwhile: until the previous window's share
 * has shrunk enough, or, when the current window alone is full, until it has become the previous one and
 * shrunk enough in turn.
 */
export function retryAfterMs(counts: { current: number; previous: number }, elapsedMs: number, windowMs: number, limit: number): number {
  const { current, previous } = counts;
  if (current + 1 <= limit) {
    // previous * (windowMs - (elapsed + x)) / windowMs <= limit - current - 1
    const wait = windowMs * (1 - (limit - current - 1) / previous) - elapsedMs;
    return Math.max(0, wait);
  }
  // After the window ends, `current` is the previous window: current * (windowMs - y) / windowMs <= limit - 1.
  const afterRoll = current === 0 ? 0 : Math.max(0, windowMs * (1 - (limit - 1) / current));
  return windowMs - elapsedMs + afterRoll;
}
