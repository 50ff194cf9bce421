/**
 * Rate limits kept in Redis (REDIS_URL): two gateway instances share each caller's allowance, and the store
 * fails safe (Redis down, silent, or gone mid-way: each instance counts in memory and comes back to Redis).
 * Against the local Redis (REDIS_TEST_URL, default redis://127.0.0.1:6379) and a redis-server of its own on
 * a spare port for the outage; part of the services suite (`npm run test:pg`).
 */
import { nowMs } from "../../shared/clock.js";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryRateStore } from "../../gateway/rate-limit/memory-store.js";
import { RedisRateStore } from "../../gateway/rate-limit/redis-store.js";
import { windowAt } from "../../gateway/rate-limit/sliding-window.js";
import { codes, gql, signIn } from "../support/client.js";
import { countedGateway, type CountedGateway } from "../support/gateway-front.js";
import { startTestSystem, type TestSystem } from "../support/system.js";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `test:emaktab:rate:${randomBytes(4).toString("hex")}:`;

let system: TestSystem;
let redis: Redis;
let teacher: string;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.ping();
  system = await startTestSystem();
  teacher = await signIn(system.gatewayUrl, "demo-teacher");
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await system?.stop();
});

async function gateway(env: Record<string, string>, prefix = PREFIX): Promise<CountedGateway> {
  const g = await countedGateway(system, env, prefix);
  closers.push(() => g.close());
  return g;
}

const me = (url: string, token = teacher) => gql(url, "{ me { id } }", {}, { token });

describe("two gateway instances sharing Redis", () => {
  it("a caller's allowance is one, whichever instance they reach", async () => {
    const env = { REDIS_URL, RATE_LIMIT: "4" };
    const [a, b] = [await gateway(env), await gateway(env)];
    const outcomes: string[] = [];
    for (const g of [a, b, a, b, a, b]) outcomes.push(codes(await me(g.url)).join() || "ok");
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "RATE_LIMITED", "RATE_LIMITED"]);
    const refused = await me(b.url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The counters are in Redis, under the subject, and expire by themselves.
    const keys = await redis.keys(`${PREFIX}sub:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(await redis.pttl(keys[0]!)).toBeGreaterThan(0);
  });

  it("anonymous callers (sign-in) are shared by address the same way", async () => {
    const prefix = `${PREFIX}anon:`;
    const env = { REDIS_URL, RATE_LIMIT_ANONYMOUS: "3" };
    const [a, b] = [await gateway(env, prefix), await gateway(env, prefix)];
    const results = [];
    for (const g of [a, b, a, b]) results.push(codes(await gql(g.url, "{ __typename }")).join() || "ok");
    expect(results).toEqual(["ok", "ok", "ok", "RATE_LIMITED"]);
  });

  it("without Redis each instance counts alone (the contrast)", async () => {
    const env = { RATE_LIMIT: "2" };
    const [a, b] = [await gateway(env), await gateway(env)];
    const outcomes: string[] = [];
    for (const g of [a, b, a, b]) outcomes.push(codes(await me(g.url)).join() || "ok");
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok"]);
  });
});

describe("the Redis store", () => {
  it("decides exactly as the memory store over a sequence across windows", async () => {
    const store = await RedisRateStore.connect({ url: REDIS_URL, keyPrefix: `${PREFIX}same:` });
    closers.push(() => store.close());
    const memory = new MemoryRateStore();
    const windowMs = 60_000;
    const results: Array<[unknown, unknown]> = [];
    for (const at of [0, 1000, 2000, 30_000, 59_000, 61_000, 90_000, 95_000, 150_000, 300_000]) {
      for (let i = 0; i < 4; i++) {
        const { window, weight } = windowAt(600_000_000 + at, windowMs);
        results.push([await store.hit("k", window, weight, 5, windowMs), await memory.hit("k", window, weight, 5)]);
      }
    }
    for (const [fromRedis, fromMemory] of results) expect(fromRedis).toEqual(fromMemory);
    expect(results.some(([r]) => !(r as { allowed: boolean }).allowed)).toBe(true);
  });

  it("fails safe when Redis is not there: the gateway starts, serves, and limits in its own memory", async () => {
    const started = Date.now();
    const g = await gateway({ REDIS_URL: "redis://127.0.0.1:1", RATE_LIMIT: "2" });
    expect(Date.now() - started).toBeLessThan(10_000);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) outcomes.push(codes(await me(g.url)).join() || "ok");
    expect(outcomes).toEqual(["ok", "ok", "RATE_LIMITED"]);
  });

  it("fails safe when Redis accepts connections but never answers, not even the handshake", async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closers.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });
    const { port } = silent.address() as AddressInfo;
    const logged: string[] = [];
    const store = await RedisRateStore.connect({ url: `redis://127.0.0.1:${port}`, log: (m) => logged.push(m) }, 300);
    closers.push(() => store.close());
    const { window, weight } = windowAt(nowMs(), 60_000);
    const started = Date.now();
    const counts = await store.hit("silent", window, weight, 1, 60_000);
    expect(counts.allowed).toBe(true);
    expect((await store.hit("silent", window, weight, 1, 60_000)).allowed).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logged.join("\n")).toMatch(/counting in this instance's memory/);
  });

  it("fails safe when Redis stalls after connecting: a command times out (250 ms) and is counted in memory", async () => {
    const proxy = await stallingProxy(new URL(REDIS_URL));
    closers.push(() => proxy.close());
    const logged: string[] = [];
    const store = await RedisRateStore.connect({ url: proxy.url, keyPrefix: `${PREFIX}stall:`, log: (m) => logged.push(m) });
    closers.push(() => store.close());
    const { window, weight } = windowAt(nowMs(), 60_000);
    expect(await store.hit("stall", window, weight, 10, 60_000)).toEqual({ allowed: true, current: 0, previous: 0 });
    proxy.stall();
    const started = Date.now();
    const during = await store.hit("stall", window, weight, 10, 60_000);
    const waited = Date.now() - started;
    expect(during.allowed).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(waited).toBeLessThan(1500);
    expect(logged.at(-1)).toMatch(/Command timed out/);
    // For the next second Redis is not tried again: no more waiting on it.
    const next = Date.now();
    await store.hit("stall", window, weight, 10, 60_000);
    expect(Date.now() - next).toBeLessThan(100);
  });

  it("Redis going away and coming back: memory meanwhile, then shared again", async () => {
    const port = await freePort();
    let server = await startRedis(port);
    closers.push(async () => server.kill());
    const logged: string[] = [];
    const store = await RedisRateStore.connect({ url: `redis://127.0.0.1:${port}`, keyPrefix: PREFIX, log: (m) => logged.push(m) });
    closers.push(() => store.close());
    const windowMs = 60_000;
    const hit = () => {
      const { window, weight } = windowAt(nowMs(), windowMs);
      return store.hit("outage", window, weight, 1000, windowMs);
    };
    expect((await hit()).current).toBe(0);
    expect((await hit()).current).toBe(1);
    server.kill("SIGKILL");
    await new Promise((resolve) => server.once("exit", resolve));
    // Served from memory while Redis is gone (its own count, starting afresh), without waiting.
    const during = await hit();
    expect(during.allowed).toBe(true);
    expect(logged.at(-1)).toMatch(/Redis unavailable/);
    server = await startRedis(port);
    // ioredis reconnects by itself; the next hits go to the (new, empty) Redis again.
    await waitFor(async () => (await hit()).current >= 1 && /answers again/.test(logged.at(-1) ?? ""));
  });
});

/** A TCP proxy to Redis that, once stalled, swallows what Redis answers (a Redis hung mid-way). */
async function stallingProxy(target: URL): Promise<{ url: string; stall(): void; close(): Promise<void> }> {
  let stalled = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => {
      if (!stalled) client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    stall: () => void (stalled = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => undefined);
  await waitFor(async () => {
    try {
      if (client.status !== "ready") await client.connect();
      return (await client.ping()) === "PONG";
    } catch {
      client.disconnect();
      return false;
    }
  });
  client.disconnect();
  return child;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(100);
  }
}
