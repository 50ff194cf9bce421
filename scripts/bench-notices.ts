/**
 * npm run bench:notices: how long from `recordGrades` (through the gateway, as demo-teacher) until the
 * notice is readable (`me { notifications }` through the gateway, as demo-parent, polled every 2 ms), on
 * the in-process bus and, when NATS answers on NATS_URL (default nats://127.0.0.1:4222), on NATS JetStream.
 * Both runs use the embedded system on fresh SQLite files with the demo world, so they differ in the bus only.
 * Options: --runs N (default 50), --bus in-process|nats|both (default both).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "nats";
import { loadConfig } from "../shared/config.js";
import { startSystem, type System } from "./lib/system.js";
import { SchoolClass, Subject } from "../subgraphs/institutions/entities/index.js";
import { Lesson } from "../subgraphs/journal/entities/index.js";
import { User } from "../subgraphs/users/entities/index.js";
import { nowMs } from "../shared/clock.js";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("runs")) || 50;
const which = arg("bus") ?? "both";
const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data;
}

const signIn = async (url: string, login: string): Promise<string> =>
  (
    await post<{ signIn: { accessToken: string } }>(
      url,
      'mutation($l: String!) { signIn(login: $l, password: "demo-password") { accessToken } }',
      { l: login },
    )
  ).signIn.accessToken;

const RECORD = "mutation($input: RecordGradesInput!) { recordGrades(input: $input) { id } }";
const LATEST = "{ me { notifications(first: 1) { id kind } } }";

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const line = (label: string, samples: number[]): string => {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `  ${label}: p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms, mean ${mean.toFixed(1)} ms`;
};

async function measure(system: System, label: string): Promise<void> {
  const url = system.gatewayUrl;
  const [teacher, parent] = [await signIn(url, "demo-teacher"), await signIn(url, "demo-parent")];
  const student = await system.orms.users.em.fork().findOneOrFail(User, { login: "demo-student" });
  const institutions = system.orms.institutions.em.fork();
  const cls = await institutions.findOneOrFail(SchoolClass, { name: "5-A" });
  const maths = await institutions.findOneOrFail(Subject, { nameLatn: "Matematika" });
  const lessons = await system.orms.journal.em.fork().find(Lesson, { classId: cls.id, subjectId: maths.id }, { orderBy: { date: "desc" } });

  const latest = async (): Promise<string | undefined> =>
    (await post<{ me: { notifications: Array<{ id: string }> } }>(url, LATEST, {}, parent)).me.notifications[0]?.id;

  const endToEnd: number[] = [];
  const mutation: number[] = [];
  const warmUp = 5;
  for (let i = 0; i < warmUp + runs; i++) {
    const before = await latest();
    const lesson = lessons[i % lessons.length]!;
    const started = performance.now();
    await post(
      url,
      RECORD,
      { input: { lessonId: lesson.id, kind: "INTERMEDIATE", entries: [{ studentId: student.id, value: (i % 5) + 1 }] } },
      teacher,
    );
    const answered = performance.now();
    const deadline = nowMs() + 30_000;
    while ((await latest()) === before) {
      if (nowMs() > deadline) throw new Error(`${label}: no notice within 30 s`);
      await sleep(2);
    }
    if (i >= warmUp) {
      endToEnd.push(performance.now() - started);
      mutation.push(answered - started);
    }
  }
  console.log(`${label}, ${runs} runs (after ${warmUp} warm-up):`);
  console.log(line("recordGrades → notice readable", endToEnd));
  console.log(line("recordGrades answered        ", mutation));
}

async function natsReachable(): Promise<boolean> {
  try {
    const nc = await connect({ servers: natsUrl, timeout: 1500, reconnect: false });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

async function withSystem(env: Record<string, string>, label: string): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-bench-notices-"));
  // Quiet hours only schedule pushed channels; the in-app list (measured here) shows a notice at once.
  const system = await startSystem({ config: loadConfig({ DATA_DIR: dataDir, ...env }), ephemeral: true, seedDemoWhenEmpty: true });
  try {
    await measure(system, label);
  } finally {
    await system.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(`Latency from recordGrades to the notice being readable (${process.platform}, node ${process.version})`);
if (which === "in-process" || which === "both") await withSystem({}, "in-process bus");
if (which === "nats" || which === "both") {
  if (!(await natsReachable())) {
    console.log(`NATS: not reachable at ${natsUrl}; skipped`);
  } else {
    const suffix = randomBytes(4).toString("hex");
    const stream = `BENCH_NOTICES_${suffix}`;
    try {
      await withSystem({ NATS_URL: natsUrl, NATS_STREAM: stream, NATS_SUBJECT_PREFIX: `bench_${suffix}` }, "NATS JetStream bus");
    } finally {
      const nc = await connect({ servers: natsUrl });
      await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
      await nc.close();
    }
  }
}
