/**
 * npm run bench: the embedded system on SQLite files with the demo world, a fixed number of requests per
 * scenario (sequential, then 8 at a time), printing latency percentiles, throughput and memory.
 * Options: --requests N (default 300).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../shared/config.js";
import { startSystem } from "./lib/system.js";
import { DEMO_LOGINS } from "./seed/demo-logins.js";

const requests = Number(process.argv[process.argv.indexOf("--requests") + 1]) || 300;
const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-bench-"));
// Rate limits off: the bench sends thousands of requests a minute as one person (npm run bench:limits measures them).
const config = loadConfig({ DATA_DIR: dataDir, SEED_DEMO: "1", RATE_LIMIT: "0", RATE_LIMIT_ANONYMOUS: "0" });
const system = await startSystem({ config, ephemeral: true, seedDemoWhenEmpty: true });
const url = system.gatewayUrl;

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data;
}

const token = async (login: string): Promise<string> =>
  (await post('mutation($l: String!) { signIn(login: $l, password: "demo-password") { accessToken } }', { l: login })).signIn.accessToken;
const parent = { authorization: `Bearer ${await token("demo-parent")}` };
const teacher = { authorization: `Bearer ${await token("demo-teacher")}`, "x-purpose": "JOURNAL" };
const places = await post(
  "{ regions { districts { schools { classes { id name subjects { id name } } } } } }",
  {},
  { authorization: `Bearer ${await token("demo-principal")}` },
);
const classes = places.regions
  .flatMap((r: any) => r.districts)
  .flatMap((d: any) => d.schools)
  .flatMap((s: any) => s.classes);
const fiveA = classes.find((c: any) => c.name === "5-A");
const maths = fiveA.subjects.find((s: any) => s.name === "Matematika");

let signIns = 0;
const scenarios: Array<{ name: string; run: () => Promise<unknown> }> = [
  {
    name: "parent: me { children { grades, attendance } }",
    run: () => post("{ me { children { fullName grades { value date subject { name } } attendance { status } } } }", {}, parent),
  },
  {
    name: "teacher: classJournal 5-A Matematika (28 rows)",
    run: () =>
      post(
        'query($c: ID!, $s: ID!) { classJournal(classId: $c, subjectId: $s, from: "2026-09-01", to: "2026-12-31") { lessons { date } rows { student { fullName } grades { value } attendance { status } } } }',
        { c: fiveA.id, s: maths.id },
        teacher,
      ),
  },
  // Different people in turn: more than SIGNIN_MAX_FAILURES attempts of one login at once are refused by
  // design (each attempt is counted before its password is checked).
  { name: "sign-in (scrypt), demo logins in turn", run: () => token(DEMO_LOGINS[signIns++ % DEMO_LOGINS.length]!) },
];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

console.log(`demo world seeded; ${requests} requests per scenario; rss ${mb(process.memoryUsage().rss)}`);
for (const scenario of scenarios) {
  for (let i = 0; i < 10; i++) await scenario.run(); // warm-up
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await scenario.run();
    times.push(performance.now() - t);
  }
  const sequential = performance.now() - started;
  const concurrentStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < requests) await scenario.run();
    }),
  );
  const concurrent = performance.now() - concurrentStart;
  times.sort((a, b) => a - b);
  console.log(
    `${scenario.name}\n  sequential p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms; ` +
      `${((requests / sequential) * 1000).toFixed(0)} req/s; 8 concurrent: ${((requests / concurrent) * 1000).toFixed(0)} req/s; rss ${mb(process.memoryUsage().rss)}`,
  );
}
await system.stop();
await rm(dataDir, { recursive: true, force: true });
