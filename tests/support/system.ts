/**
 * Starts the whole system for a test file: in-memory databases, ephemeral ports, fresh signing keys,
 * the demo world. Each file gets its own; nothing is shared between files.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateSigningKeys } from "../../shared/auth/keys.js";
import { loadConfig, type SubgraphName } from "../../shared/config.js";
import { startSystem, type System } from "../../scripts/lib/system.js";
import { testDatabaseUrl, usingPostgres } from "./database.js";

export interface TestSystem extends System {
  /** SQL statements per subgraph since the last `resetQueries()`. */
  queries: Record<SubgraphName, string[]>;
  resetQueries(): void;
}

export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-test-"));
  const pg = usingPostgres()
    ? Object.fromEntries(
        ["USERS", "INSTITUTIONS", "JOURNAL", "NOTIFICATIONS"].map((n) => [`${n}_DATABASE_URL`, testDatabaseUrl(n.toLowerCase())]),
      )
    : {};
  const config = loadConfig({ DATA_DIR: dataDir, ...pg, ...env });
  const queries: Record<SubgraphName, string[]> = { users: [], institutions: [], journal: [], notifications: [] };
  const system = await startSystem({
    config,
    ephemeral: true,
    inMemory: !usingPostgres(),
    keys: await generateSigningKeys(),
    seedDemoWhenEmpty: true,
    onQuery: (subgraph, sql) => queries[subgraph].push(sql),
  });
  return {
    ...system,
    queries,
    resetQueries: () => {
      for (const list of Object.values(queries)) list.length = 0;
    },
  };
}
