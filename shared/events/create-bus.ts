import type { Config } from "../config.js";
import { InProcessBus, type EventBus } from "./bus.js";

/**
 * The bus for one process. Embedded mode runs every subgraph in one process and needs nothing else.
 * A service in its own process can only reach the others through a broker (NATS JetStream, see
 * NATS_URL); without one its events stay safely in its outbox until one is configured.
 */
export async function createBus(config: Config, service: string): Promise<EventBus> {
  if (config.mode === "production" && !config.natsUrl) {
    console.warn(`[${service}] NATS_URL is not set: events are kept in the outbox and not delivered to other services`);
  }
  return new InProcessBus();
}
