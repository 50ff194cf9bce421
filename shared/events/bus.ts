/** The event bus between subgraphs. The in-process one is the embedded default; production swaps the transport only. */
export interface EventEnvelope {
  id: string;
  topic: string;
  source: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface EventBus {
  /** Resolves once every subscriber has handled (acknowledged) the event; rejects if one failed. */
  publish(event: EventEnvelope): Promise<void>;
  subscribe(topic: string, consumer: string, handler: EventHandler): void;
  close(): Promise<void>;
  /** Readiness: resolves when the transport can carry events now, rejects otherwise (in-process: always). */
  check?(): Promise<void>;
}

/**
 * Delivers in the same process. Delivery is awaited so the relay marks an event published only after
 * every consumer committed it; a failed consumer makes the relay try again later.
 */
export class InProcessBus implements EventBus {
  private readonly handlers = new Map<string, Array<{ consumer: string; handler: EventHandler }>>();

  subscribe(topic: string, consumer: string, handler: EventHandler): void {
    const list = this.handlers.get(topic) ?? [];
    list.push({ consumer, handler });
    this.handlers.set(topic, list);
  }

  async publish(event: EventEnvelope): Promise<void> {
    const list = this.handlers.get(event.topic) ?? [];
    const results = await Promise.allSettled(list.map(({ handler }) => handler(event)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
