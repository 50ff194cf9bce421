/**
 * Exponential backoff with jitter: before attempt n+1, about base * 2^(n-1), capped, of which a random
 * half is taken off ("equal jitter"), so a provider coming back from an outage is not hit by every
 * delivery at the same instant, and the wait still grows with each failure.
 */
export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The wait after `attempts` failed attempts (1 = the first one failed). `random` in [0, 1). */
export function backoffDelay(attempts: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^30 is far past any cap; stopping there keeps the arithmetic finite.
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
