/**
 * Global setup of `npm run test:pg`: gives the run an id that every per-file database name carries
 * (`t_<run>_<subgraph>_<random>`), and drops this run's databases when the run ends, failed or not.
 * Only this run's: another run on the same server (a colleague's, CI's) keeps its own.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgTestRun: string;
  }
}

/** Drops every database whose name starts with `prefix`; returns how many it dropped. */
export async function dropDatabases(serverUrl: string, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname.replace(/"/g, '""')}" with (force)`);
    }
    return rows.length;
  } finally {
    await client.end();
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const run = randomBytes(3).toString("hex");
  project.provide("pgTestRun", run);
  return async () => {
    const server = process.env.TEST_PG_URL;
    if (!server) return;
    try {
      await dropDatabases(server, `t_${run}_`);
    } catch (error) {
      // A cleanup failure must not hide the test results; say what is left behind.
      console.error(`[test:pg] could not drop the databases t_${run}_*: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
