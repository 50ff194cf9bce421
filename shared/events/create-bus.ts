import type { Config } from "../config.js";
import { InProcessBus, type EventBus } from "./bus.js";
import { NatsBus } from "./nats-bus.js";

/**
 * The bus for one process. With NATS_URL: NATS JetStream, the transport between separate service processes.
 * Without: in-process, which is enough for embedded mode (every subgraph in one process) only.
 */
export async function createBus(config: Pick<Config, "natsUrl" | "nats">, service: string): Promise<EventBus> {
  if (config.natsUrl) return NatsBus.connect(config.natsUrl, { name: service, ...config.nats });
  // loadConfig refuses production without NATS_URL: an in-process bus there would mark events sent that no one got.
  return new InProcessBus();
}
