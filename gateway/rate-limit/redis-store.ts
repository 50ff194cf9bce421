/**
 * Counters in Redis, shared by every gateway instance pointed at the same REDIS_URL. Fails safe: when Redis
 * is unreachable or slow, each instance goes on counting in its own memory (limits still hold per instance,
 * nothing is refused for want of Redis) and returns to Redis once it answers again.
 */
import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { MemoryRateStore } from "./memory-store.js";
import { type RateStore, type WindowCounts } from "./sliding-window.js";
import { nowMs } from "../../shared/clock.js";

/** Reads both counters and counts the request only if it fits, atomically (several gateways share the keys). */
const HIT_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if previous * tonumber(ARGV[1]) + current + 1 > tonumber(ARGV[2]) then
  return {0, current, previous}
end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, current, previous}
`;
const HIT_SHA = createHash("sha1").update(HIT_SCRIPT).digest("hex");
const RETRY_REDIS_AFTER_MS = 1000;

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so that several deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
  /** A command slower than this counts as a failure; the request is counted in memory instead. */
  commandTimeoutMs?: number;
  log?: (message: string) => void;
}

export class RedisRateStore implements RateStore {
  private readonly fallback = new MemoryRateStore();
  private usingFallback = false;
  /** After a failure Redis is left alone this long, so that a stalled Redis costs one timeout, not one per request. */
  private retryRedisAt = 0;

  private constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Connects, waiting at most `readyWithinMs` for Redis: the gateway starts either way. */
  static async connect(options: RedisStoreOptions, readyWithinMs = 1000): Promise<RedisRateStore> {
    const log = options.log ?? ((message: string) => console.warn(message));
    const redis = new Redis(options.url, {
      // Fail at once while disconnected rather than queue requests behind a Redis that may not come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    const store = new RedisRateStore(redis, options.keyPrefix ?? "emaktab:rate:", log);
    // Without a listener ioredis reports connection errors as unhandled; the fallback warning says enough.
    redis.on("error", () => undefined);
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), readyWithinMs);
      redis.once("ready", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) store.fallBack(new Error(`no answer from ${redactedUrl(options.url)} within ${readyWithinMs} ms`));
    return store;
  }

  async hit(key: string, window: number, weight: number, limit: number, windowMs: number): Promise<WindowCounts> {
    if (this.usingFallback && nowMs() < this.retryRedisAt) return this.fallback.hit(key, window, weight, limit);
    try {
      const keys = [`${this.keyPrefix}${key}:${window}`, `${this.keyPrefix}${key}:${window - 1}`];
      const args = [String(weight), String(limit), String(2 * windowMs + 1000)];
      const [allowed, current, previous] = await this.run(keys, args);
      if (this.usingFallback) {
        this.usingFallback = false;
        this.log("[rate-limit] Redis answers again: rate limits are shared between gateway instances");
      }
      return { allowed: allowed === 1, current, previous };
    } catch (error) {
      this.fallBack(error);
      return this.fallback.hit(key, window, weight, limit);
    }
  }

  private async run(keys: string[], args: string[]): Promise<[number, number, number]> {
    try {
      return (await this.redis.evalsha(HIT_SHA, keys.length, ...keys, ...args)) as [number, number, number];
    } catch (error) {
      // First use on this Redis (or after a restart): load the script by sending it whole.
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return (await this.redis.eval(HIT_SCRIPT, keys.length, ...keys, ...args)) as [number, number, number];
    }
  }

  private fallBack(error: unknown): void {
    this.retryRedisAt = nowMs() + RETRY_REDIS_AFTER_MS;
    if (this.usingFallback) return;
    this.usingFallback = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.log(`[rate-limit] Redis unavailable (${reason}): counting in this instance's memory until it answers`);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }
}

/** A URL may carry a password: never print it. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the configured Redis";
  }
}
