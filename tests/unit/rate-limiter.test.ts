/** The sliding-window rate limiter with an in-memory store and a clock the test moves. */
import { describe, expect, it } from "vitest";
import { MemoryRateStore } from "../../gateway/rate-limit/memory-store.js";
import { RateLimiter } from "../../gateway/rate-limit/rate-limiter.js";
import { retryAfterMs, windowAt } from "../../gateway/rate-limit/sliding-window.js";

const MINUTE = 60_000;

function limiter(perCaller: number, perAnonymousAddress = 5) {
  let now = 10 * MINUTE; // the start of a window
  const rateLimiter = new RateLimiter({ perCaller, perAnonymousAddress, windowSeconds: 60 }, new MemoryRateStore(), () => now);
  return { rateLimiter, advance: (ms: number) => (now += ms) };
}

const alice = { sub: "alice" };
const bob = { sub: "bob" };

async function allowedOf(
  rateLimiter: RateLimiter,
  n: number,
  caller: { sub: string } | null = alice,
  address = "10.0.0.1",
): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await rateLimiter.check(caller, address)).allowed) allowed++;
  return allowed;
}

describe("sliding window", () => {
  it("allows the limit within a window, then refuses; refused requests are not counted", async () => {
    const { rateLimiter, advance } = limiter(10);
    expect(await allowedOf(rateLimiter, 15)).toBe(10);
    // Halfway through the next window the previous one weighs half: 5 more fit.
    advance(MINUTE + MINUTE / 2);
    expect(await allowedOf(rateLimiter, 10)).toBe(5);
    // Two windows later nothing of it is left.
    advance(2 * MINUTE);
    expect(await allowedOf(rateLimiter, 12)).toBe(10);
  });

  it("no double burst at a window edge", async () => {
    const { rateLimiter, advance } = limiter(10);
    advance(MINUTE - 1000);
    expect(await allowedOf(rateLimiter, 10)).toBe(10);
    advance(2000); // just past the edge: the previous window still weighs ~98 %
    expect(await allowedOf(rateLimiter, 10)).toBe(0);
  });

  it("keys: each subject its own allowance; anonymous callers per address with their own limit", async () => {
    const { rateLimiter } = limiter(3, 2);
    expect(await allowedOf(rateLimiter, 5, alice)).toBe(3);
    expect(await allowedOf(rateLimiter, 5, bob)).toBe(3);
    expect(await allowedOf(rateLimiter, 5, null, "10.0.0.1")).toBe(2);
    expect(await allowedOf(rateLimiter, 5, null, "10.0.0.2")).toBe(2);
  });

  it("0 means no limit", async () => {
    const { rateLimiter } = limiter(0, 0);
    expect(await allowedOf(rateLimiter, 50)).toBe(50);
    expect(await allowedOf(rateLimiter, 50, null)).toBe(50);
  });

  it("Retry-After is when the next request would be allowed", async () => {
    const { rateLimiter, advance } = limiter(10);
    await allowedOf(rateLimiter, 10);
    advance(MINUTE + MINUTE / 2);
    await allowedOf(rateLimiter, 5);
    const refused = await rateLimiter.check(alice, "");
    expect(refused.allowed).toBe(false);
    // 30 s into the window, 5 counted in it: the next fits once 10 × (60 − x)/60 + 5 + 1 ≤ 10, at x = 36 s.
    expect(refused.retryAfterSeconds).toBe(6);
    advance(5000);
    expect((await rateLimiter.check(alice, "")).allowed).toBe(false);
    advance(1000);
    expect((await rateLimiter.check(alice, "")).allowed).toBe(true);
  });

  it("a full current window: wait for it to end and shrink as the previous one", () => {
    const { elapsedMs } = windowAt(10 * MINUTE + 15_000, MINUTE);
    // 4 in the current window, limit 4: 45 s to its end, then 4 × (1 − y/60) ≤ 3 ⇒ y ≥ 15 s.
    expect(retryAfterMs({ current: 4, previous: 0 }, elapsedMs, MINUTE, 4)).toBe(60_000);
  });

  it("forgets silent callers (memory stays bounded)", async () => {
    const store = new MemoryRateStore();
    for (let i = 0; i < 100; i++) await store.hit(`k${i}`, 1, 1, 10);
    await store.hit("late", 4, 1, 10);
    expect((store as unknown as { counters: Map<string, unknown> }).counters.size).toBe(1);
  });
});
