/**
 * Production mode: one subgraph in its own process, on its own PostgreSQL database (migrations run at
 * boot), listening on its configured port. Events leave through the outbox to the configured bus.
 */
import { loadSigningKeys } from "../auth/keys.js";
import { tokenSettings } from "../auth/tokens.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import { createBus } from "../events/create-bus.js";
import { OutboxRelay } from "../events/outbox.js";
import type { SubgraphModule } from "../federation/subgraph-module.js";
import { logFatalErrors } from "./fatal-errors.js";
import { startSubgraph } from "../http/subgraph-server.js";
import { logError } from "../http/log-safe.js";
import { schemaAccessOf } from "../http/schema-access.js";

export async function runSubgraphProcess(module: SubgraphModule<any>): Promise<void> {
  logFatalErrors(module.name);
  const config = loadConfig();
  const keys = await loadSigningKeys(config);
  const orm = await openDatabase({
    name: module.name,
    entities: module.entities,
    url: config.databaseUrls[module.name],
    dataDir: config.dataDir,
    migrations: module.migrations,
  });
  const bus = await createBus(config, module.name);
  const relay = new OutboxRelay(orm, bus, { source: module.name, onError: (e) => logError(`[${module.name}] relay`, e) });
  const built = await module.buildSchema();
  const runtime = module.createRuntime(built, { config, orm, tokens: tokenSettings(config, keys), bus, relay });
  const listening = await startSubgraph(runtime, {
    host: config.host,
    port: config.subgraphPorts[module.name],
    limits: config.subgraphLimits,
    schemaAccess: schemaAccessOf(config),
    bus,
    drainMs: config.shutdownDrainMs,
  });
  relay.start();
  console.log(`${module.name} subgraph at ${listening.url}`);
  const stop = async (): Promise<void> => {
    await listening.close();
    await relay.stop();
    await bus.close();
    await orm.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
