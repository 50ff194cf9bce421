/**
 * Seeds the databases configured by the environment (shared/config.ts).
 *
 *   tsx scripts/seed.ts --demo                       the demo world of RUNTIME.md
 *   tsx scripts/seed.ts --schools 50 [--classes-per-school 11] [--students-per-class 25] [--seed N] [--password P]
 *                                                    every account of it signs in with P (default: the demo password)
 *   tsx scripts/seed.ts --demo --schools 20          both: the demo world, then a larger one beside it
 *   --reset      start from empty databases (deletes the SQLite files; empties PostgreSQL tables)
 *   --today D    the date lessons are "past" before (YYYY-MM-DD; default today in Tashkent)
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { MikroORM } from "@mikro-orm/core";
import { loadConfig, SUBGRAPHS, type SubgraphName } from "../shared/config.js";
import { isPostgresUrl, openDatabase } from "../shared/db/database.js";
import { institutionsEntities } from "../subgraphs/institutions/entities/index.js";
import { journalEntities } from "../subgraphs/journal/entities/index.js";
import { notificationsEntities } from "../subgraphs/notifications/entities/index.js";
import { usersEntities } from "../subgraphs/users/entities/index.js";
import { isEmpty, seedDemo, seedLarge, type SeedSummary, type SeedTargets } from "./seed/index.js";

const ENTITIES = {
  users: usersEntities,
  institutions: institutionsEntities,
  journal: journalEntities,
  notifications: notificationsEntities,
} as const;

const USAGE = `Usage: tsx scripts/seed.ts --demo | --schools N [--classes-per-school N] [--students-per-class N] [--seed N]
       [--password P] [--reset] [--today YYYY-MM-DD]`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got "${raw}"\n${USAGE}`);
  return value;
}

function printSummary(summary: SeedSummary): void {
  console.log(
    `\n${summary.world} world (seed ${summary.seed}) in ${(summary.ms / 1000).toFixed(1)} s; today ${summary.today}, ` +
      `quarter ${summary.quarter}, lessons ${summary.lessonsFrom ?? "-"} … ${summary.lessonsTo ?? "-"}`,
  );
  console.log(
    `  ${Object.entries(summary.contents)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
  );
  for (const [db, tables] of Object.entries(summary.rows)) {
    console.log(
      `  ${db}: ${
        Object.entries(tables)
          .map(([t, n]) => `${t} ${n}`)
          .join(", ") || "-"
      }`,
    );
  }
}

/** The SQLite file a subgraph uses (openDatabase's rule), or undefined for PostgreSQL and memory. */
function sqliteFile(url: string | undefined, dataDir: string, name: SubgraphName): string | undefined {
  if (url === undefined) return path.join(dataDir, `${name}.db`);
  if (isPostgresUrl(url) || url === ":memory:") return undefined;
  return url;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      schools: { type: "string" },
      "classes-per-school": { type: "string" },
      "students-per-class": { type: "string" },
      seed: { type: "string" },
      password: { type: "string" },
      today: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const schools = wholeNumber("schools", values.schools);
  if (!values.demo && !schools) fail(USAGE);

  const config = loadConfig();
  if (values.reset) {
    for (const name of SUBGRAPHS) {
      const file = sqliteFile(config.databaseUrls[name], config.dataDir, name);
      if (!file) continue;
      for (const suffix of ["", "-wal", "-shm", "-journal"]) await rm(`${file}${suffix}`, { force: true });
      console.log(`removed ${file}`);
    }
  }

  const targets = {} as Record<SubgraphName, MikroORM>;
  try {
    for (const name of SUBGRAPHS) {
      targets[name] = await openDatabase({ name, entities: ENTITIES[name], url: config.databaseUrls[name], dataDir: config.dataDir });
      if (values.reset && isPostgresUrl(config.databaseUrls[name])) {
        await targets[name].schema.clearDatabase();
        console.log(`emptied the ${name} database`);
      }
    }
    const seeded: SeedTargets = targets;
    const started = performance.now();
    const onProgress = (message: string) => console.log(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${message}`);
    const today = values.today;

    if (values.demo) {
      if (!(await isEmpty(seeded))) {
        fail("The databases already hold accounts; the demo world goes only into empty ones. Run with --reset to start over.");
      }
      printSummary(await seedDemo(seeded, { password: config.demoPassword, policyVersion: config.policyVersion, today, onProgress }));
    }
    if (schools) {
      const summary = await seedLarge(seeded, {
        schools,
        classesPerSchool: wholeNumber("classes-per-school", values["classes-per-school"]),
        studentsPerClass: wholeNumber("students-per-class", values["students-per-class"]),
        seed: wholeNumber("seed", values.seed),
        // Everyone in it can sign in (benchmarks, load tests): one scrypt hash shared by all, for speed.
        password: values.password ?? config.demoPassword,
        policyVersion: config.policyVersion,
        today,
        onProgress,
      });
      printSummary(summary);
    }
  } finally {
    for (const orm of Object.values(targets)) await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
