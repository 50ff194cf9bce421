/**
 * Every subgraph's database as `npm start` configures it (SQLite files under DATA_DIR, or PostgreSQL from
 * DATABASE_URL / <SUBGRAPH>_DATABASE_URL), migrated, for the operator commands and tests that work on all
 * of them at once. A failure half-way closes what was already opened.
 */
import type { MikroORM } from "@mikro-orm/core";
import type { Config, SubgraphName } from "../../shared/config.js";
import { openDatabase } from "../../shared/db/database.js";
import { SUBGRAPH_MODULES } from "../../subgraphs/index.js";

export async function openConfiguredDatabases(config: Config): Promise<Record<SubgraphName, MikroORM>> {
  const orms = {} as Record<SubgraphName, MikroORM>;
  try {
    for (const module of SUBGRAPH_MODULES) {
      orms[module.name] = await openDatabase({
        name: module.name,
        entities: module.entities,
        url: config.databaseUrls[module.name],
        dataDir: config.dataDir,
        migrations: module.migrations,
      });
    }
    return orms;
  } catch (error) {
    await closeDatabases(orms);
    throw error;
  }
}

export async function closeDatabases(orms: Partial<Record<SubgraphName, MikroORM>>): Promise<void> {
  for (const orm of Object.values(orms)) await orm?.close();
}
