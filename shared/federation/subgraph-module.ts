/**
 * The shape every subgraph exports from its server.ts, so one start script (embedded: all in one
 * process; production: one per process) and the tests can run any of them the same way.
 */
import type { EntityClass, MigrationObject, MikroORM } from "@mikro-orm/core";
import type { TokenSettings } from "../auth/tokens.js";
import type { Config, SubgraphName } from "../config.js";
import type { BaseContext } from "../context.js";
import type { EventBus } from "../events/bus.js";
import type { OutboxRelay } from "../events/outbox.js";
import type { SubgraphRuntime } from "../http/subgraph-server.js";
import type { SubgraphPrivacy } from "../privacy/subgraph-privacy.js";
import type { BuiltSubgraph } from "./build-subgraph.js";

export interface SubgraphDeps {
  config: Config;
  orm: MikroORM;
  tokens: TokenSettings;
  bus: EventBus;
  /** Call `relay.kick()` after a commit that wrote outbox events. */
  relay: OutboxRelay;
}

export interface SubgraphModule<C extends BaseContext = BaseContext> {
  name: SubgraphName;
  entities: EntityClass<unknown>[];
  /** PostgreSQL migrations, oldest first. */
  migrations: MigrationObject[];
  /** Anonymisation and replica updates for retention and erasure (shared/privacy). */
  privacy: SubgraphPrivacy;
  /** Builds the schema; needs no database, so composition can run offline. */
  buildSchema(): Promise<BuiltSubgraph>;
  /** Wires the runtime: context, event consumers. Called once per process. */
  createRuntime(built: BuiltSubgraph, deps: SubgraphDeps): SubgraphRuntime<C>;
}
