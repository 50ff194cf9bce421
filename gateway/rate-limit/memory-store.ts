import { fits, type RateStore, type WindowCounts } from "./sliding-window.js";

interface Counters {
  window: number;
  current: number;
  previous: number;
}

/** Counters in this process: the default, and what the Redis store falls back on when Redis is unreachable. */
export class MemoryRateStore implements RateStore {
  private readonly counters = new Map<string, Counters>();
  private sweptWindow = -1;

  async hit(key: string, window: number, weight: number, limit: number): Promise<WindowCounts> {
    this.sweep(window);
    let entry = this.counters.get(key);
    if (!entry) {
      entry = { window, current: 0, previous: 0 };
      this.counters.set(key, entry);
    } else if (entry.window !== window) {
      entry.previous = entry.window === window - 1 ? entry.current : 0;
      entry.current = 0;
      entry.window = window;
    }
    const counts = { current: entry.current, previous: entry.previous };
    const allowed = fits(counts.current, counts.previous, weight, limit);
    if (allowed) entry.current++;
    return { allowed, ...counts };
  }

  /** Once per window, forget callers silent for two windows: memory stays bounded by the callers of the last two. */
  private sweep(window: number): void {
    if (window === this.sweptWindow) return;
    this.sweptWindow = window;
    for (const [key, entry] of this.counters) if (entry.window < window - 1) this.counters.delete(key);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}
