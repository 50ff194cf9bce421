/**
 * Seeding: the demo world of RUNTIME.md (`seedDemo`), a larger deterministic world for load tests
 * (`seedLarge`, which can be added next to the demo world), and `isEmpty` to decide whether to seed.
 * Both build the whole world in memory first, then write it with one transaction per database.
 */
import type { MikroORM } from "@mikro-orm/core";
import type { SubgraphName } from "../../shared/config.js";
import { User } from "../../subgraphs/users/entities/index.js";
import { hashPassword } from "../../subgraphs/users/sign-in/password.js";
import type { Progress } from "./bulk.js";
import { isIsoDate, lessonDays, tashkentToday } from "./calendar.js";
import { buildDemoWorld } from "./demo.js";
import { loadExisting } from "./existing.js";
import { buildLargeWorld, DEFAULT_CLASSES_PER_SCHOOL, DEFAULT_LARGE_SEED, DEFAULT_STUDENTS_PER_CLASS } from "./large.js";
import { writeWorld, type RowCounts } from "./write.js";
import { worldCounts, type World } from "./world.js";

export type SeedTargets = Record<SubgraphName, MikroORM>;

export interface SeedSummary {
  /** "demo" or "large". */
  world: string;
  seed: string;
  today: string;
  /** The current quarter and the first and last day that got lessons. */
  quarter: number;
  lessonsFrom: string | null;
  lessonsTo: string | null;
  /** What the world holds (people by role, …). */
  contents: Record<string, number>;
  /** Rows written, per database and table. */
  rows: RowCounts;
  ms: number;
}

export interface DemoOptions {
  password: string;
  /** The version everyone's consents are given to; default DEFAULT_POLICY_VERSION (config: POLICY_VERSION). */
  policyVersion?: string;
  /** YYYY-MM-DD; lessons before it get marks and attendance. Default: today in Tashkent. */
  today?: string;
  onProgress?: Progress;
}

export interface LargeOptions {
  schools: number;
  classesPerSchool?: number;
  studentsPerClass?: number;
  seed?: number;
  /** When given, every account of the large world can sign in with it (one shared hash: a test world). */
  password?: string;
  policyVersion?: string;
  today?: string;
  onProgress?: Progress;
}

function resolveToday(today: string | undefined): string {
  const value = today ?? tashkentToday();
  if (!isIsoDate(value)) throw new Error(`"today" must be a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

async function write(targets: SeedTargets, world: World, seed: string, started: number, onProgress?: Progress): Promise<SeedSummary> {
  const { quarter, days } = lessonDays(world.year, world.today);
  onProgress?.(
    `${world.label} world built: ${world.users.length} people, ${world.schools.length} schools, ${world.classes.length} classes`,
  );
  const rows = await writeWorld(targets, world, days, onProgress);
  return {
    world: world.label,
    seed,
    today: world.today,
    quarter: quarter.number,
    lessonsFrom: days[0] ?? null,
    lessonsTo: days[days.length - 1] ?? null,
    contents: worldCounts(world),
    rows,
    ms: performance.now() - started,
  };
}

/** Seeds the demo world. The 13 demo accounts get `password`, each with its own salt. */
export async function seedDemo(targets: SeedTargets, options: DemoOptions): Promise<SeedSummary> {
  const started = performance.now();
  const today = resolveToday(options.today);
  const existing = await loadExisting(targets);
  const { world, accounts } = buildDemoWorld(today, existing);
  world.calendarYears = existing.calendarYears ?? new Set();
  if (options.policyVersion) world.policyVersion = options.policyVersion;
  const ids = [...accounts.values()];
  const hashes = await Promise.all(ids.map(() => hashPassword(options.password)));
  ids.forEach((id, i) => world.credentials.set(id, hashes[i]!));
  return write(targets, world, "demo", started, options.onProgress);
}

/** Seeds a larger deterministic world; the same seed and sizes give the same ids. */
export async function seedLarge(targets: SeedTargets, options: LargeOptions): Promise<SeedSummary> {
  const started = performance.now();
  const today = resolveToday(options.today);
  const sizes = {
    schools: options.schools,
    classesPerSchool: options.classesPerSchool ?? DEFAULT_CLASSES_PER_SCHOOL,
    studentsPerClass: options.studentsPerClass ?? DEFAULT_STUDENTS_PER_CLASS,
    seed: options.seed ?? DEFAULT_LARGE_SEED,
  };
  for (const [name, value] of Object.entries(sizes)) {
    if (!Number.isInteger(value) || value < (name === "seed" ? 0 : 1))
      throw new Error(`${name} must be a positive whole number, got ${value}`);
  }
  const existing = await loadExisting(targets);
  const world = buildLargeWorld(sizes, today, existing);
  world.calendarYears = existing.calendarYears ?? new Set();
  if (options.policyVersion) world.policyVersion = options.policyVersion;
  if (world.schools.some((s) => existing.schoolIds.has(s.id))) {
    throw new Error(`a large world with seed ${sizes.seed} is already in the database: choose another seed or reset`);
  }
  if (options.password) {
    const hash = await hashPassword(options.password);
    for (const user of world.users) world.credentials.set(user.id, hash);
  }
  return write(targets, world, String(sizes.seed), started, options.onProgress);
}

/** True when no account exists yet (the users table is empty). */
export async function isEmpty(targets: SeedTargets): Promise<boolean> {
  return (await targets.users.em.fork().count(User, {})) === 0;
}

export { DEFAULT_CLASSES_PER_SCHOOL, DEFAULT_LARGE_SEED, DEFAULT_STUDENTS_PER_CLASS };
