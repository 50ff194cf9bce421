/**
 * The whole system in one process: four subgraphs on loopback, the gateway in front, one bus between
 * them: in-process by default, NATS JetStream when NATS_URL is set. `npm start` runs it on SQLite files;
 * the end-to-end tests run it in memory on ephemeral ports.
 */
import type { MikroORM } from "@mikro-orm/core";
import { loadSigningKeys, type SigningKeys } from "../../shared/auth/keys.js";
import { tokenSettings, type TokenSettings } from "../../shared/auth/tokens.js";
import { SUBGRAPHS, type Config, type SubgraphName } from "../../shared/config.js";
import { openDatabase } from "../../shared/db/database.js";
import type { EventBus } from "../../shared/events/bus.js";
import { createBus } from "../../shared/events/create-bus.js";
import { OutboxRelay } from "../../shared/events/outbox.js";
import type { Listening } from "../../shared/http/serve.js";
import { safeErrorSummary } from "../../shared/http/log-safe.js";
import { schemaAccessOf } from "../../shared/http/schema-access.js";
import { startSubgraph } from "../../shared/http/subgraph-server.js";
import { startGateway } from "../../gateway/gateway.js";
import { SUBGRAPH_MODULES } from "../../subgraphs/index.js";
import { isEmpty, seedDemo } from "../seed/index.js";

export interface SystemOptions {
  config: Config;
  /** Ephemeral loopback ports (tests). */
  ephemeral?: boolean;
  /** In-memory SQLite for every subgraph instead of the configured databases (tests). */
  inMemory?: boolean;
  keys?: SigningKeys;
  /** Seed the demo world when the users database is empty. */
  seedDemoWhenEmpty?: boolean;
  /** Per-subgraph SQL statement hook (tests count statements). */
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
  log?: (message: string) => void;
  /** The bus to use instead of the configured one (a test's crash points wrap it); stopped with the system. */
  bus?: EventBus;
}

export interface System {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  orms: Record<SubgraphName, MikroORM>;
  relays: Record<SubgraphName, OutboxRelay>;
  bus: EventBus;
  tokens: TokenSettings;
  seeded: boolean;
  stop(): Promise<void>;
}

export async function startSystem(options: SystemOptions): Promise<System> {
  const { config } = options;
  const log = options.log ?? (() => undefined);
  const keys = options.keys ?? (await loadSigningKeys(config));
  const tokens = tokenSettings(config, keys);
  const bus = options.bus ?? (await createBus(config, "system"));
  const orms = {} as Record<SubgraphName, MikroORM>;
  const relays = {} as Record<SubgraphName, OutboxRelay>;
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const servers: Listening[] = [];
  const stopAll = async (): Promise<void> => {
    for (const server of servers.reverse()) await server.close().catch(() => undefined);
    for (const relay of Object.values(relays)) await relay.stop();
    // The bus before the databases: a NATS consumer finishes the event it holds while its database is open.
    await bus.close();
    for (const orm of Object.values(orms)) await orm.close();
  };

  try {
    for (const module of SUBGRAPH_MODULES) {
      const orm = await openDatabase({
        name: module.name,
        entities: module.entities,
        url: options.inMemory ? ":memory:" : config.databaseUrls[module.name],
        dataDir: config.dataDir,
        migrations: module.migrations,
        onQuery: options.onQuery ? (sql) => options.onQuery!(module.name, sql) : undefined,
      });
      orms[module.name] = orm;
      relays[module.name] = new OutboxRelay(orm, bus, {
        source: module.name,
        onError: (error) => log(`[${module.name}] outbox relay: ${safeErrorSummary(error)}`),
      });
    }

    let seeded = false;
    if (options.seedDemoWhenEmpty && (await isEmpty(orms))) {
      const started = performance.now();
      await seedDemo(orms, { password: config.demoPassword, policyVersion: config.policyVersion });
      seeded = true;
      log(`Seeded the demo world in ${performance.now() - started} ms`);
    }

    for (const module of SUBGRAPH_MODULES) {
      const built = await module.buildSchema();
      const runtime = module.createRuntime(built, { config, orm: orms[module.name], tokens, bus, relay: relays[module.name] });
      const listening = await startSubgraph(runtime, {
        host: "127.0.0.1",
        port: options.ephemeral ? 0 : config.subgraphPorts[module.name],
        limits: config.subgraphLimits,
        schemaAccess: schemaAccessOf(config),
        bus,
        drainMs: config.shutdownDrainMs,
      });
      servers.push(listening);
      subgraphUrls[module.name] = listening.url;
    }
    // Consumers are subscribed now; whatever a crash left in an outbox goes out first.
    for (const relay of Object.values(relays)) relay.start();

    const gateway = await startGateway({
      config,
      tokens,
      subgraphUrls,
      host: options.ephemeral ? "127.0.0.1" : config.host,
      port: options.ephemeral ? 0 : config.port,
    });
    servers.push(gateway);
    return { gatewayUrl: gateway.url, subgraphUrls, orms, relays, bus, tokens, seeded, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export { SUBGRAPHS };
