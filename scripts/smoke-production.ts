/**
 * Smoke test of production mode: every service its own process, PostgreSQL databases created by
 * migrations, events between processes over NATS JetStream. Seeds the demo world on purpose, records
 * a mark as demo-teacher and waits for demo-parent's notice, then stops everything and drops the databases.
 * Needs the local PostgreSQL and NATS servers (CI starts them).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import pg from "pg";
import { addDays, tashkentDay } from "../shared/days.js";

const server = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const run = randomBytes(4).toString("hex");
const port = 5100 + Math.floor(Math.random() * 200);
const names = ["users", "institutions", "journal", "notifications"] as const;
const databases = names.map((n) => `smoke_${run}_${n}`);
const pair = await generateKeyPair("ES256", { extractable: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NATS_URL: process.env.NATS_URL ?? "nats://127.0.0.1:4222",
  PORT: String(port),
  JWT_PUBLIC_KEY: await exportSPKI(pair.publicKey),
  JWT_PRIVATE_KEY: await exportPKCS8(pair.privateKey),
};
names.forEach((name, i) => {
  const url = new URL(server);
  url.pathname = `/${databases[i]}`;
  env[`${name.toUpperCase()}_DATABASE_URL`] = url.toString();
});
const base = `http://127.0.0.1:${port}`;
const children: ChildProcess[] = [];
let output = "";

/**
 * Each service in its own process group (`detached`), so stopping it reaches the whole tree: npx, the tsx
 * wrapper and the node process under it. Signalling only the npx wrapper used to leave the node child running.
 */
function start(label: string, script: string, args: string[] = []): ChildProcess {
  const child = spawn("npx", ["tsx", script, ...args], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (c: Buffer) => (output += `[${label}] ${c.toString()}`));
  child.stderr!.on("data", (c: Buffer) => (output += `[${label}] ${c.toString()}`));
  children.push(child);
  return child;
}

/** Whether any process of the group led by `pid` is still alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** SIGTERM to every service's group, SIGKILL to whatever is still there after a grace period. */
async function stopChildren(): Promise<string[]> {
  const groups = children.flatMap((c) => (c.pid ? [c.pid] : []));
  for (const pid of groups) signalGroup(pid, "SIGTERM");
  for (let i = 0; i < 40 && groups.some(groupAlive); i++) await new Promise((resolve) => setTimeout(resolve, 250));
  const stubborn = groups.filter(groupAlive);
  for (const pid of stubborn) signalGroup(pid, "SIGKILL");
  for (let i = 0; i < 20 && groups.some(groupAlive); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return stubborn.map(String);
}

async function cleanUp(): Promise<string[]> {
  const stubborn = await stopChildren();
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  for (const db of databases) await client.query(`drop database if exists "${db}" with (force)`);
  await client.end();
  return stubborn;
}

async function fail(message: string): Promise<never> {
  console.error(`PRODUCTION SMOKE FAILED: ${message}\n--- output ---\n${output}`);
  await cleanUp();
  process.exit(1);
}

async function post(body: unknown, token?: string): Promise<any> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds: number): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return fail(`${what} did not happen within ${seconds} s`);
}

// The services are in their own groups, so a Ctrl-C here does not reach them: stop them ourselves.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the services`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const started = performance.now();
names.forEach((name) => start(name, `subgraphs/${name}/index.ts`));
start("gateway", "gateway/index.ts");
await until("health", async () => ((await fetch(`${base}/health`)).status === 200 ? true : undefined), 90);
console.log(`five processes healthy after ${performance.now() - started} ms`);

const seed = start("seed", "scripts/seed.ts", ["--demo"]);
const seedCode = await new Promise<number | null>((resolve) => seed.on("exit", resolve));
if (seedCode !== 0) await fail(`seed exited with ${seedCode}`);

const token = async (login: string): Promise<string> => {
  const result = await post({ query: `mutation { signIn(login: "${login}", password: "demo-password") { accessToken } }` });
  return result?.data?.signIn?.accessToken ?? (await fail(`sign-in of ${login}: ${JSON.stringify(result)}`));
};
const teacher = await token("demo-teacher");
const parent = await token("demo-parent");
const family = await post({ query: "{ me { children { id schoolClass { id subjects { id name } } } } }" }, parent);
const child = family?.data?.me?.children?.[0];
const maths = child?.schoolClass?.subjects?.find((s: { name: string }) => s.name === "Matematika");
if (!child || !maths) await fail(`no child or Matematika: ${JSON.stringify(family)}`);
const today = tashkentDay();
const lessons = await post(
  { query: `{ lessons(classId: "${child.schoolClass.id}", from: "${addDays(today, -90)}", to: "${today}") { id date subject { id } } }` },
  teacher,
);
const lesson = (lessons?.data?.lessons ?? []).filter((l: { subject: { id: string } }) => l.subject.id === maths.id).pop();
if (!lesson) await fail(`no Matematika lesson: ${JSON.stringify(lessons).slice(0, 300)}`);
const before = (await post({ query: "{ me { notifications(first: 100) { id } } }" }, parent))?.data?.me?.notifications?.length ?? 0;
const recorded = performance.now();
const grade = await post(
  {
    query: `mutation { recordGrades(input: { lessonId: "${lesson.id}", kind: CURRENT, entries: [{ studentId: "${child.id}", value: 5 }] }) { value } }`,
  },
  teacher,
);
if (grade?.data?.recordGrades?.[0]?.value !== 5) await fail(`recordGrades: ${JSON.stringify(grade)}`);
await until(
  "the notice over NATS",
  async () => {
    const list = (await post({ query: "{ me { notifications(first: 100) { id kind } } }" }, parent))?.data?.me?.notifications ?? [];
    return list.length > before ? list : undefined;
  },
  20,
);
console.log(`recordGrades → notice readable across processes in ${Math.round(performance.now() - recorded)} ms`);
const stubborn = await cleanUp();
if (stubborn.length) {
  console.error(`PRODUCTION SMOKE FAILED: process groups ${stubborn.join(", ")} ignored SIGTERM and were killed`);
  process.exit(1);
}
const left = children.filter((c) => c.pid && groupAlive(c.pid));
if (left.length) {
  console.error(`PRODUCTION SMOKE FAILED: processes left running in groups ${left.map((c) => c.pid).join(", ")}`);
  process.exit(1);
}
console.log("all five services stopped; nothing left running");
console.log("production smoke test passed: 1 passed, 0 failed");
process.exit(0);
