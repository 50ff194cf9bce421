/** Running a report's one aggregate statement on SQLite (libsql) or PostgreSQL alike. */
import type { EntityManager } from "@mikro-orm/core";

export { dialectOf, type Dialect } from "../../../shared/db/dialect.js";

/** One parameterised statement; `?` placeholders, in order (knex rewrites them for PostgreSQL). */
export function aggregate<T extends object>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, [...params], "all");
}

/** Counts and sums come back as strings from PostgreSQL (bigint) and as numbers from SQLite. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** `?, ?, ?` for a list bound as separate parameters. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => "?").join(", ");
