/**
 * npm run bench:limits: what the gateway's limits cost per request, printed (nothing asserted).
 * 1. In process, per document: the token count, and validation with the limit rules minus validation without.
 * 2. The rate limiter's check: in memory, and in Redis when one answers (REDIS_URL, default the local server).
 * 3. Through HTTP: `{ me { id } }` on gateways over the same subgraphs with rate limits off, in memory, in Redis.
 * Options: --iterations N (default 2000), --requests N (default 400).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from "graphql";
import { startGateway } from "../gateway/gateway.js";
import { complexityRules, tokenLimitExceeded } from "../gateway/limits/complexity.js";
import { MemoryRateStore } from "../gateway/rate-limit/memory-store.js";
import { RateLimiter } from "../gateway/rate-limit/rate-limiter.js";
import { RedisRateStore } from "../gateway/rate-limit/redis-store.js";
import { loadConfig } from "../shared/config.js";
import { startSystem } from "./lib/system.js";

const option = (name: string, fallback: number): number => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const iterations = option("--iterations", 2000);
const requests = option("--requests", 400);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Mean microseconds per call of `run`, after a warm-up. */
function micros(run: () => unknown, n = iterations): number {
  for (let i = 0; i < Math.min(200, n); i++) run();
  const started = performance.now();
  for (let i = 0; i < n; i++) run();
  return ((performance.now() - started) / n) * 1000;
}

async function microsAsync(run: () => Promise<unknown>, n = iterations): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await run();
  const started = performance.now();
  for (let i = 0; i < n; i++) await run();
  return ((performance.now() - started) / n) * 1000;
}

const limits = loadConfig({}).limits;
const schema = buildSchema(await readFile("schema/supergraph.graphql", "utf8"));
const rules = complexityRules(limits);
const documents: Array<[string, string]> = [
  ["me { id }", "{ me { id } }"],
  ["class journal", await readFile("tests/graphql/class-journal.graphql", "utf8")],
  ["every personal field + 100 notifications", await readFile("tests/graphql/user-every-personal-field.graphql", "utf8")],
  ["GraphiQL introspection", getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true })],
];

console.log(`1. per document, mean of ${iterations} runs (µs)`);
for (const [name, text] of documents) {
  const document = parse(text);
  const tokens = micros(() => tokenLimitExceeded(text, limits.tokens));
  const plain = micros(() => validate(schema, document, specifiedRules));
  const limited = micros(() => validate(schema, document, [...specifiedRules, ...rules]));
  console.log(
    `  ${name.padEnd(42)} tokens ${tokens.toFixed(1)}  validation ${plain.toFixed(1)} → ${limited.toFixed(1)} (limits +${(limited - plain).toFixed(1)})`,
  );
}
console.log("  (Apollo Server caches a validated document by its hash, so a repeated operation skips validation.)");

console.log(`\n2. rate limiter check, mean of ${iterations} (µs)`);
const settings = { perCaller: 1e9, perAnonymousAddress: 1e9, windowSeconds: 60 };
const memory = new RateLimiter(settings, new MemoryRateStore());
console.log(`  memory  ${(await microsAsync(() => memory.check({ sub: "bench" }, "127.0.0.1"))).toFixed(1)}`);
const logged: string[] = [];
const redisStore = await RedisRateStore.connect({ url: redisUrl, keyPrefix: `bench:${process.pid}:`, log: (m) => logged.push(m) });
const redisAnswers = logged.length === 0;
if (redisAnswers) {
  const redis = new RateLimiter(settings, redisStore);
  console.log(
    `  Redis   ${(await microsAsync(() => redis.check({ sub: "bench" }, "127.0.0.1"))).toFixed(1)}  (${redisUrl}, one EVALSHA round trip)`,
  );
} else {
  console.log(`  Redis   not measured: ${logged[0]}`);
}
await redisStore.close();

console.log(`\n3. through HTTP, { me { id } } as demo-parent, ${requests} sequential requests per gateway`);
const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-bench-limits-"));
const base = loadConfig({ DATA_DIR: dataDir, SEED_DEMO: "1" });
const system = await startSystem({ config: base, ephemeral: true, seedDemoWhenEmpty: true });
const gateways: Array<[string, string, () => Promise<void>]> = [];
const variants: Array<[string, Record<string, string>]> = [
  ["rate limits off", { RATE_LIMIT: "0", RATE_LIMIT_ANONYMOUS: "0" }],
  ["rate limits in memory", { RATE_LIMIT: "1000000000" }],
  ...(redisAnswers
    ? [["rate limits in Redis", { RATE_LIMIT: "1000000000", REDIS_URL: redisUrl }] as [string, Record<string, string>]]
    : []),
];
for (const [name, env] of variants) {
  const config = loadConfig({ DATA_DIR: dataDir, ...env });
  const gateway = await startGateway({
    config,
    tokens: system.tokens,
    subgraphUrls: system.subgraphUrls,
    host: "127.0.0.1",
    port: 0,
    redisKeyPrefix: `bench:${process.pid}:`,
  });
  gateways.push([name, gateway.url, gateway.close]);
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data;
}

const token = (await post(system.gatewayUrl, 'mutation { signIn(login: "demo-parent", password: "demo-password") { accessToken } }')).signIn
  .accessToken as string;
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
// Interleaved rounds, so that a busy moment of the machine does not fall on one variant only.
const times = new Map<string, number[]>(gateways.map(([name]) => [name, []]));
for (let i = 0; i < 20; i++) for (const [, url] of gateways) await post(url, "{ me { id } }", {}, token);
for (let i = 0; i < requests; i++) {
  for (const [name, url] of gateways) {
    const t = performance.now();
    await post(url, "{ me { id } }", {}, token);
    times.get(name)!.push(performance.now() - t);
  }
}
for (const [name, list] of times) {
  list.sort((a, b) => a - b);
  const mean = list.reduce((a, b) => a + b, 0) / list.length;
  console.log(
    `  ${name.padEnd(24)} p50 ${percentile(list, 50).toFixed(2)} ms  p95 ${percentile(list, 95).toFixed(2)} ms  mean ${mean.toFixed(2)} ms`,
  );
}
for (const [, , close] of gateways) await close();
await system.stop();
await rm(dataDir, { recursive: true, force: true });
