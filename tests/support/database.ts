/**
 * Where a test's database lives. By default SQLite in memory; under `npm run test:pg`
 * (TEST_PG_URL set) a fresh PostgreSQL database per call, so test files never share state; the run's
 * global setup drops them all when it ends.
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";

// Tests read their own switch; the app's configuration is untouched by it.
const pgBase = process.env.TEST_PG_URL;

export const usingPostgres = (): boolean => !!pgBase;

export function testDatabaseUrl(name: string): string {
  if (!pgBase) return ":memory:";
  const url = new URL(pgBase);
  // The run's id (tests/support/pg-global-setup.ts) lets the run drop exactly its own databases at the end.
  const run = inject("pgTestRun") ?? "norun";
  url.pathname = `/t_${run}_${name}_${randomBytes(5).toString("hex")}`;
  return url.toString();
}
