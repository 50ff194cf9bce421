import { afterAll, describe, expect, it } from "vitest";
import type { MikroORM } from "@mikro-orm/core";
import { openDatabase } from "../../shared/db/database.js";
import { SUBGRAPH_MODULES } from "../../subgraphs/index.js";
import { testDatabaseUrl } from "../support/database.js";

const opened: MikroORM[] = [];
afterAll(async () => {
  for (const orm of opened) await orm.close();
});

describe("PostgreSQL migrations", () => {
  it.each(SUBGRAPH_MODULES.map((m) => [m.name, m] as const))(
    "%s: migrations build exactly the schema its entities describe",
    async (_name, module) => {
      expect(module.migrations.length).toBeGreaterThan(0);
      const orm = await openDatabase({
        name: module.name,
        entities: module.entities,
        url: testDatabaseUrl(module.name),
        migrations: module.migrations,
      });
      opened.push(orm);
      // Anything left for the schema tool to do is a change the migrations forgot.
      const pending = await orm.schema.getUpdateSchemaSQL({ safe: false, wrap: false });
      expect(pending.trim()).toBe("");
      const applied = await orm.getMigrator().getExecutedMigrations();
      expect(applied.map((m) => m.name)).toEqual(module.migrations.map((m) => m.name));
    },
  );
});
