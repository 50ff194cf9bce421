/**
 * npm run bench:reports: the embedded system on SQLite files with the demo world plus a larger world
 * (`npm run seed -- --schools N` sized), timing each report through the gateway, over the whole year, for
 * the largest region, district and school and one class. Prints latency percentiles and the time the one
 * aggregate statement took in the journal's database; nothing is asserted.
 * Options: --schools N (default 20), --classes-per-school N (11), --students-per-class N (25), --requests N (30),
 * --pg (PostgreSQL instead: scratch databases on $DATABASE_URL's server, default the local one, dropped at the end).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadConfig, SUBGRAPHS, type SubgraphName } from "../shared/config.js";
import { openDatabase } from "../shared/db/database.js";
import { SUBGRAPH_MODULES } from "../subgraphs/index.js";
import { ClassPlace } from "../subgraphs/journal/entities/index.js";
import { startSystem } from "./lib/system.js";
import { seedDemo, seedLarge, type SeedTargets } from "./seed/index.js";
import { nowMs } from "../shared/clock.js";

const { values } = parseArgs({
  options: {
    schools: { type: "string", default: "20" },
    "classes-per-school": { type: "string", default: "11" },
    "students-per-class": { type: "string", default: "25" },
    requests: { type: "string", default: "30" },
    pg: { type: "boolean", default: false },
  },
});
const sizes = {
  schools: Number(values.schools),
  classesPerSchool: Number(values["classes-per-school"]),
  studentsPerClass: Number(values["students-per-class"]),
};
const requests = Number(values.requests);

const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-bench-reports-"));
const pgServer = values.pg ? (process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres") : undefined;
const pgNames = Object.fromEntries(SUBGRAPHS.map((name) => [name, `emaktab_bench_${randomBytes(4).toString("hex")}_${name}`]));
const pgUrl = (name: string): string => {
  const url = new URL(pgServer!);
  url.pathname = `/${pgNames[name]}`;
  return url.toString();
};
const config = loadConfig({
  DATA_DIR: dataDir,
  SEED_DEMO: "0",
  ...(pgServer ? Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, pgUrl(name)])) : {}),
});

// Seed first, on the files the system then opens.
const seedStarted = nowMs();
const targets = {} as SeedTargets;
for (const module of SUBGRAPH_MODULES) {
  targets[module.name] = await openDatabase({
    name: module.name,
    entities: module.entities,
    url: config.databaseUrls[module.name],
    dataDir,
    migrations: module.migrations,
  });
}
await seedDemo(targets, { password: config.demoPassword });
const large = await seedLarge(targets, { ...sizes, password: config.demoPassword });
for (const orm of Object.values(targets)) await orm.close();
console.log(
  `seeded the demo world and ${sizes.schools} schools × ${sizes.classesPerSchool} classes × ${sizes.studentsPerClass} students in ` +
    `${((nowMs() - seedStarted) / 1000).toFixed(0)} s; journal rows: ${JSON.stringify(large.rows.journal ?? {})}`,
);

/** The journal's statements and how long the database took for each ("[took N ms]" of MikroORM's log). */
let journalSql: Array<{ sql: string; ms: number }> = [];
const system = await startSystem({
  config,
  ephemeral: true,
  onQuery: (subgraph: SubgraphName, sql: string) => {
    if (subgraph !== "journal") return;
    const took = /\[took (\d+(?:\.\d+)?) ms/.exec(sql);
    journalSql.push({ sql, ms: took ? Number(took[1]) : NaN });
  },
});
for (const relay of Object.values(system.relays)) await relay.stop();

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(system.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data;
}

const signIn = await post('mutation { signIn(login: "demo-ministry", password: "demo-password") { accessToken } }', {});
const ministry = { authorization: `Bearer ${signIn.signIn.accessToken}`, "x-purpose": "REPORTING" };

// The largest units, read from the journal's replica of class places (the bench's own look, not the reports').
const places = await system.orms.journal.em.fork().find(ClassPlace, {});
const largest = (key: keyof ClassPlace, within: ClassPlace[]): string => {
  const counts = new Map<string, number>();
  for (const p of within) counts.set(String(p[key]), (counts.get(String(p[key])) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
};
const regionId = largest("regionId", places);
const districtId = largest(
  "districtId",
  places.filter((p) => p.regionId === regionId),
);
const schoolId = largest(
  "schoolId",
  places.filter((p) => p.districtId === districtId),
);
const classId = places.find((p) => p.schoolId === schoolId)!.classId;
const classesIn = (key: keyof ClassPlace, id: string) => places.filter((p) => p[key] === id).length;

const YEAR = { from: "2026-09-01", to: "2027-06-30" };
const ATTENDANCE = `query($s: ReportScope!, $g: ReportGrouping!, $from: Date!, $to: Date!) {
  attendanceReport(scope: $s, groupBy: $g, from: $from, to: $to) { unitId unitName students lessons absences absenceRate suppressed } }`;
const GRADES = `query($s: ReportScope!, $g: ReportGrouping!, $from: Date!, $to: Date!) {
  gradeReport(scope: $s, groupBy: $g, from: $from, to: $to) { unitId unitName students marks averageMark suppressed } }`;
const TIMELINESS = `query($s: ReportScope!, $g: TimelinessGrouping!, $from: Date!, $to: Date!) {
  journalTimelinessReport(scope: $s, groupBy: $g, from: $from, to: $to) { unitId unitName marks marksOnTime onTimeRate } }`;

const scenarios: Array<[string, string, Record<string, string>, string]> = [
  [`attendanceReport region (${classesIn("regionId", regionId)} classes) by SCHOOL`, ATTENDANCE, { regionId }, "SCHOOL"],
  [`attendanceReport region by CLASS`, ATTENDANCE, { regionId }, "CLASS"],
  [`attendanceReport district (${classesIn("districtId", districtId)} classes) by CLASS`, ATTENDANCE, { districtId }, "CLASS"],
  [`attendanceReport school (${classesIn("schoolId", schoolId)} classes) by CLASS`, ATTENDANCE, { schoolId }, "CLASS"],
  [`attendanceReport class by CLASS`, ATTENDANCE, { classId }, "CLASS"],
  [`gradeReport region by SCHOOL`, GRADES, { regionId }, "SCHOOL"],
  [`gradeReport school by CLASS`, GRADES, { schoolId }, "CLASS"],
  [`journalTimelinessReport region by SCHOOL`, TIMELINESS, { regionId }, "SCHOOL"],
  [`journalTimelinessReport school by TEACHER`, TIMELINESS, { schoolId }, "TEACHER"],
];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const REPORT_SQL = /\b(attendance_marks|grades|lessons)\b/;

console.log(
  `${places.length} classes in the journal; ${requests} sequential requests per scenario, as demo-ministry, ${YEAR.from}..${YEAR.to}`,
);
for (const [name, query, scope, groupBy] of scenarios) {
  const variables = { s: scope, g: groupBy, ...YEAR };
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = (Object.values(await post(query, variables, ministry))[0] as unknown[]).length; // warm-up
  const times: number[] = [];
  const sqlTimes: number[] = [];
  for (let i = 0; i < requests; i++) {
    journalSql = [];
    const started = performance.now();
    await post(query, variables, ministry);
    times.push(performance.now() - started);
    sqlTimes.push(...journalSql.filter((q) => REPORT_SQL.test(q.sql)).map((q) => q.ms));
  }
  times.sort((a, b) => a - b);
  sqlTimes.sort((a, b) => a - b);
  console.log(
    `${name}: ${rows} rows\n  through the gateway p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
      `max ${times.at(-1)!.toFixed(1)} ms; the aggregate statement p50 ${percentile(sqlTimes, 50)} ms (${sqlTimes.length / requests} per request)`,
  );
}

await system.stop();
await rm(dataDir, { recursive: true, force: true });
if (pgServer) {
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  for (const name of Object.values(pgNames)) await admin.query(`drop database if exists "${name}"`);
  await admin.end();
}
