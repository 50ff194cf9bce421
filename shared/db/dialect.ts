/** Which SQL the database underneath an EntityManager speaks: the two the project runs on. */
import type { EntityManager } from "@mikro-orm/core";

export type Dialect = "postgres" | "sqlite";

/** The knex client underneath MikroORM's SQL drivers names its driver (as scripts/seed/bulk.ts reads it). */
export function dialectOf(em: EntityManager): Dialect {
  const knex = (em as unknown as { getKnex(): { client: { driverName?: string } } }).getKnex();
  return knex.client.driverName === "pg" ? "postgres" : "sqlite";
}
