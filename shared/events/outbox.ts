/**
 * Writing to and draining the transactional outbox. `enqueue` only persists: the caller's own flush
 * commits the event together with the change it describes.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { EventBus, EventEnvelope, EventHandler } from "./bus.js";
import { OutboxEvent } from "./outbox-event.entity.js";
import { ProcessedEvent } from "./processed-event.entity.js";
import { now } from "../clock.js";

export function enqueue(em: EntityManager, topic: string, payload: Record<string, unknown>): OutboxEvent {
  const event = em.create(OutboxEvent, { topic, payload });
  em.persist(event);
  return event;
}

export interface RelayOptions {
  source: string;
  batchSize?: number;
  pollMs?: number;
  onError?: (error: unknown) => void;
}

/** Publishes unpublished outbox events in order; runs on a timer and whenever `kick` is called after a commit. */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly options: RelayOptions,
  ) {}

  start(): void {
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      this.kick();
      this.timer = setTimeout(tick, this.options.pollMs ?? 1000);
      this.timer.unref();
    };
    tick();
  }

  /** Asks for a drain soon; concurrent kicks coalesce into one more pass. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain().catch((error: unknown) => this.options.onError?.(error));
  }

  /** Publishes everything pending now; resolves with how many events left. */
  async drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      await this.running;
    }
    this.running = this.drainOnce();
    try {
      let sent = await this.running;
      while (this.again && !this.stopped) {
        this.again = false;
        this.running = this.drainOnce();
        sent += await this.running;
      }
      return sent;
    } finally {
      this.running = undefined;
    }
  }

  private async drainOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const em = this.orm.em.fork();
      const batch = await em.find(OutboxEvent, { publishedAt: null }, { orderBy: { seq: "asc" }, limit: this.options.batchSize ?? 100 });
      if (batch.length === 0) return sent;
      for (const event of batch) {
        const envelope: EventEnvelope = {
          id: event.id,
          topic: event.topic,
          source: this.options.source,
          occurredAt: event.createdAt.toISOString(),
          payload: event.payload,
        };
        try {
          await this.bus.publish(envelope);
          event.publishedAt = now();
        } catch (error) {
          // Keep order: stop at the first failure and retry the rest on the next pass.
          event.attempts += 1;
          await em.flush();
          this.options.onError?.(error);
          return sent;
        }
        event.attempts += 1;
        sent += 1;
      }
      await em.flush();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}

export interface ConsumeOptions {
  /** Runs after the handler's transaction committed (e.g. kick the relay when the handler wrote outbox events). */
  afterCommit?: () => void;
}

/**
 * Subscribes an idempotent handler: the handler's writes and the "processed" mark commit in one
 * transaction, so a redelivered event changes nothing.
 */
export function consume(
  orm: MikroORM,
  bus: EventBus,
  topic: string,
  consumer: string,
  handle: (em: EntityManager, event: EventEnvelope) => Promise<void>,
  options: ConsumeOptions = {},
): void {
  const handler: EventHandler = async (event) => {
    await orm.em.fork().transactional(async (em) => {
      const seen = await em.findOne(ProcessedEvent, { eventId: event.id, consumer });
      if (seen) return;
      await handle(em, event);
      em.persist(em.create(ProcessedEvent, { eventId: event.id, consumer }));
    });
    options.afterCommit?.();
  };
  bus.subscribe(topic, consumer, handler);
}
