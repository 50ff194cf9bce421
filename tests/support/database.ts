/**
 * Where a test's database lives. By default SQLite in memory; under `npm run test:pg`
 * (TEST_PG_URL set) a fresh PostgreSQL database per call, so test files never share state.
 */
import { randomBytes } from "node:crypto";

// Tests read their own switch; the app's configuration is untouched by it.
const pgBase = process.env.TEST_PG_URL;

export const usingPostgres = (): boolean => !!pgBase;

export function testDatabaseUrl(name: string): string {
  if (!pgBase) return ":memory:";
  const url = new URL(pgBase);
  url.pathname = `/t_${name}_${randomBytes(5).toString("hex")}`;
  return url.toString();
}
