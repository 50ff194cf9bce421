/**
 * Per-caller rate limits at the gateway: a signed-in caller is counted by the token's subject (the same
 * person on several devices shares one allowance), an anonymous one (signing in) by the client's address.
 * An integration partner's token carries its client's own rate (requests per minute), which replaces
 * RATE_LIMIT for it.
 */
import type { Caller } from "../../shared/auth/claims.js";
import type { Config } from "../../shared/config.js";
import { RateLimitedError } from "../../shared/errors.js";
import { MemoryRateStore } from "./memory-store.js";
import { RedisRateStore } from "./redis-store.js";
import { retryAfterMs, windowAt, type RateDecision, type RateStore } from "./sliding-window.js";

export class RateLimiter {
  private readonly windowMs: number;

  constructor(
    private readonly settings: Config["rateLimit"],
    private readonly store: RateStore,
    private readonly now: () => number = Date.now,
  ) {
    this.windowMs = settings.windowSeconds * 1000;
  }

  /** In memory, or in Redis when the configuration names one. */
  static async fromConfig(config: Pick<Config, "rateLimit" | "redisUrl">, redisKeyPrefix?: string): Promise<RateLimiter> {
    const store = config.redisUrl
      ? await RedisRateStore.connect({ url: config.redisUrl, keyPrefix: redisKeyPrefix })
      : new MemoryRateStore();
    return new RateLimiter(config.rateLimit, store);
  }

  /**
   * Requests per window for this caller. A partner's rate is per minute, scaled to the window; it applies
   * even with RATE_LIMIT=0, being part of what the operator agreed with the partner.
   */
  private limitFor(caller: Pick<Caller, "sub" | "rate"> | null): number {
    if (!caller) return this.settings.perAnonymousAddress;
    if (caller.rate) return Math.max(1, Math.round((caller.rate * this.settings.windowSeconds) / 60));
    return this.settings.perCaller;
  }

  /** Counts one request of the caller (or of the address, when anonymous); 0 in the settings means no limit. */
  async check(caller: Pick<Caller, "sub" | "rate"> | null, clientAddress: string): Promise<RateDecision> {
    const limit = this.limitFor(caller);
    if (limit === 0) return { allowed: true, limit, retryAfterSeconds: 0 };
    const key = caller ? `sub:${caller.sub}` : `addr:${clientAddress}`;
    const { window, elapsedMs, weight } = windowAt(this.now(), this.windowMs);
    const counts = await this.store.hit(key, window, weight, limit, this.windowMs);
    if (counts.allowed) return { allowed: true, limit, retryAfterSeconds: 0 };
    const wait = retryAfterMs(counts, elapsedMs, this.windowMs, limit);
    return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }

  /** {@link check}, refusing with RATE_LIMITED (HTTP 429, Retry-After) when over the limit. */
  async enforce(caller: Pick<Caller, "sub" | "rate"> | null, clientAddress: string): Promise<void> {
    const decision = await this.check(caller, clientAddress);
    if (!decision.allowed) {
      throw new RateLimitedError(
        `more than ${decision.limit} requests in ${this.settings.windowSeconds} s; retry in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
