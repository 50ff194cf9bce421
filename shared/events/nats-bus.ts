/**
 * The production transport: NATS JetStream. Publishing resolves on the server's ack (so the outbox relay
 * marks an event published only once the broker stored it) and carries the event id as `Nats-Msg-Id`, so a
 * relay that re-sends after a crash is de-duplicated by the server. Each (consumer, topic) is a durable pull
 * consumer with explicit ack: events published while a service is down wait for it, an event whose handler
 * crashed before the ack comes back after the ack wait, and a failed handler gets it again with backoff.
 * The consumer side de-duplicates too (`consume` in outbox.ts keeps `processed_events`), which covers a
 * re-send after the server's duplicate window and a crash between the handler's commit and its ack.
 * An event that still fails after `maxDeliver` deliveries is parked on a dead-letter subject of the same
 * stream (`<prefix>._dead.<durable>`), never dropped: an operator can read it there and publish it again.
 */
import { createHash } from "node:crypto";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { setTimeout as sleep } from "node:timers/promises";
import {
  AckPolicy,
  DeliverPolicy,
  JSONCodec,
  NatsError,
  RetentionPolicy,
  StorageType,
  connect,
  nanos,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from "nats";
import type { EventBus, EventEnvelope, EventHandler } from "./bus.js";

export type BusLogger = (message: string, error?: unknown) => void;

export interface NatsBusOptions {
  /** JetStream stream holding every topic. */
  stream?: string;
  /** Subjects are `<prefix>.<topic>`. */
  subjectPrefix?: string;
  /** Connection name shown by the server (e.g. the service). */
  name?: string;
  logger?: BusLogger;
  /** Publishes of the same event id within this window are dropped by the server. */
  duplicateWindowMs?: number;
  /** Deliveries per event before the consumer parks it as a dead letter (crashed deliveries count). */
  maxDeliver?: number;
  /** Unacked for this long (crashed handler) → redelivered. */
  ackWaitMs?: number;
  /** First retry delay after a failed handler; doubles per attempt, capped at `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** 1 keeps a topic's events in order even across retries (a failing event holds back later ones). */
  maxAckPending?: number;
}

interface Subscription {
  topic: string;
  consumer: string;
  durable: string;
  handler: EventHandler;
  messages?: ConsumerMessages;
  loop?: Promise<void>;
  ready: Promise<void>;
  markReady: () => void;
}

const TOPIC = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

function checkTopic(topic: string): void {
  // Wildcards or spaces would publish to / consume from the wrong subjects.
  if (!TOPIC.test(topic)) throw new Error(`Invalid event topic "${topic}"`);
}

/** A valid, stable durable name; the hash keeps "a.b" and "a_b" apart after sanitising. */
export function durableName(consumer: string, topic: string): string {
  const clean = `${consumer}__${topic}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80);
  const hash = createHash("sha256").update(`${consumer}\u0000${topic}`).digest("hex").slice(0, 8);
  return `${clean}_${hash}`;
}

/** Where events that one consumer gave up on are parked (inside the stream, read by no consumer). */
export const deadLetterSubject = (prefix: string, consumer: string, topic: string): string =>
  `${prefix}._dead.${durableName(consumer, topic)}`;

function apiErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}

const codec = JSONCodec<EventEnvelope>();

export class NatsBus implements EventBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly stopping = new AbortController();
  private closed?: Promise<void>;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly options: NatsBusOptions,
    private readonly log: BusLogger,
  ) {}

  private get maxDeliver(): number {
    return this.options.maxDeliver ?? 10;
  }

  static async connect(url: string, options: NatsBusOptions = {}): Promise<NatsBus> {
    const stream = options.stream ?? "EMAKTAB";
    const prefix = options.subjectPrefix ?? "emaktab";
    const log = options.logger ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
    // Keep reconnecting forever: a broker restart must not leave a long-running service deaf.
    const nc = await connect({ servers: url, name: options.name, maxReconnectAttempts: -1 });
    try {
      const jsm = await nc.jetstreamManager();
      const bus = new NatsBus(nc, jsm, nc.jetstream(), stream, prefix, options, log);
      await bus.ensureStream();
      return bus;
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  /** Creates the stream, or widens an existing one to our subjects and duplicate window. */
  private async ensureStream(): Promise<void> {
    const subject = `${this.prefix}.>`;
    const duplicateWindow = nanos(this.options.duplicateWindowMs ?? 120_000);
    try {
      await this.jsm.streams.add({
        name: this.stream,
        subjects: [subject],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: duplicateWindow,
      });
    } catch (error) {
      // 10058: the stream exists with another config (other prefixes, older settings, or a racing service).
      if (apiErrorCode(error) !== 10058) throw error;
      const info = await this.jsm.streams.info(this.stream);
      const subjects = info.config.subjects ?? [];
      if (subjects.includes(subject) && info.config.duplicate_window >= duplicateWindow) return;
      await this.jsm.streams.update(this.stream, {
        subjects: subjects.includes(subject) ? subjects : [...subjects, subject],
        duplicate_window: Math.max(info.config.duplicate_window, duplicateWindow),
      });
    }
  }

  async publish(event: EventEnvelope): Promise<void> {
    checkTopic(event.topic);
    if (this.closed) throw new Error("NatsBus is closed");
    // Resolves on the stream's ack; a duplicate id within the window is acked without being stored again.
    await this.js.publish(`${this.prefix}.${event.topic}`, codec.encode(event), { msgID: event.id });
  }

  subscribe(topic: string, consumer: string, handler: EventHandler): void {
    checkTopic(topic);
    if (this.closed) throw new Error("NatsBus is closed");
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const sub: Subscription = { topic, consumer, durable: durableName(consumer, topic), handler, ready, markReady };
    this.subscriptions.push(sub);
    // The interface is synchronous: the consumer is set up in the background and errors are logged.
    // Its deliver policy is "all", so events published before it exists are not missed.
    sub.loop = this.run(sub);
  }

  /** Resolves once every subscription so far has its durable consumer on the server. */
  /** A round trip to the server: fails while the connection is down (it reconnects by itself meanwhile). */
  async check(): Promise<void> {
    await this.nc.rtt();
  }

  async ready(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.ready));
  }

  private consumerConfig(sub: Subscription): Partial<ConsumerConfig> {
    return {
      durable_name: sub.durable,
      description: `${sub.consumer} ← ${sub.topic}`,
      filter_subject: `${this.prefix}.${sub.topic}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      // One delivery more than the handler gets: an event that crashed the process every time is parked on it.
      max_deliver: this.maxDeliver + 1,
      max_ack_pending: this.options.maxAckPending ?? 1,
    };
  }

  private async ensureConsumer(sub: Subscription): Promise<void> {
    const config = this.consumerConfig(sub);
    try {
      await this.jsm.consumers.add(this.stream, config);
    } catch (error) {
      // Exists with other settings (an older deploy): change the ones the server allows.
      const code = apiErrorCode(error);
      if (code !== 10148 && code !== 10013) throw error;
      const { ack_wait, max_deliver, max_ack_pending, description } = config;
      await this.jsm.consumers.update(this.stream, sub.durable, { ack_wait, max_deliver, max_ack_pending, description });
    }
  }

  private async run(sub: Subscription): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        await this.ensureConsumer(sub);
        const consumer = await this.js.consumers.get(this.stream, sub.durable);
        sub.markReady();
        const messages = await consumer.consume({ max_messages: 64 });
        sub.messages = messages;
        if (this.stopping.signal.aborted) {
          await messages.close();
          return;
        }
        failures = 0;
        // One at a time: the next event is handled only after this one is acked or nak'ed.
        for await (const msg of messages) await this.deliver(sub, msg);
        if (this.stopping.signal.aborted) return;
        this.log(`[nats-bus] ${sub.durable}: message stream ended, restarting`);
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        this.log(`[nats-bus] ${sub.durable}: consumer failed, retrying`, error);
      }
      failures += 1;
      await sleep(Math.min(30_000, 250 * 2 ** failures), undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private async deliver(sub: Subscription, msg: JsMsg): Promise<void> {
    let event: EventEnvelope;
    try {
      event = msg.json<EventEnvelope>();
    } catch (error) {
      // Unparseable: retrying cannot help.
      this.log(`[nats-bus] ${sub.durable}: dropping malformed message seq ${msg.seq}`, error);
      msg.term();
      return;
    }
    const attempt = msg.info.redeliveryCount;
    if (attempt > this.maxDeliver) {
      // Every earlier delivery ended without an ack or a nak: the handler took the process down with it.
      await this.park(sub, msg, event, `${attempt - 1} deliveries never acknowledged`);
      return;
    }
    // A slow handler keeps its claim instead of being redelivered to someone else mid-way.
    const ackWait = this.options.ackWaitMs ?? 30_000;
    const keepAlive = setInterval(() => msg.working(), Math.max(500, ackWait / 2));
    try {
      await this.handleThroughOutages(sub, event);
      msg.ack();
    } catch (error) {
      if (this.stopping.signal.aborted && isDatabaseUnavailable(error)) {
        // Shutting down mid-outage: hand the event back untouched for the next start.
        msg.nak();
        return;
      }
      if (attempt >= this.maxDeliver) {
        await this.park(sub, msg, event, `failed ${attempt} times`, error);
        return;
      }
      const delay = Math.min(this.options.maxRetryDelayMs ?? 60_000, (this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 1));
      this.log(`[nats-bus] ${sub.durable}: event ${event.id} failed (attempt ${attempt}), retrying in ${delay} ms`, error);
      msg.nak(delay);
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * Runs the handler; while it fails because the database is unreachable (not because of the event), the
   * event is held and tried again with a growing pause, so this topic's consumption waits for the database
   * and resumes within a second of its return, and the outage uses none of the event's deliveries.
   * Only a failure of the event's own (or a shutdown) leaves this loop.
   */
  private async handleThroughOutages(sub: Subscription, event: EventEnvelope): Promise<void> {
    for (let pause = 250; ; pause = Math.min(pause * 2, 1_000)) {
      try {
        await sub.handler(event);
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error) || this.stopping.signal.aborted) throw error;
        if (pause === 250) this.log(`[nats-bus] ${sub.durable}: database unreachable, consumption paused`, error);
        await sleep(pause, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  /** Moves an event this consumer gave up on to its dead-letter subject, then lets go of the original. */
  private async park(sub: Subscription, msg: JsMsg, event: EventEnvelope, why: string, error?: unknown): Promise<void> {
    try {
      // The id keeps a parking retried after a crash from storing the letter twice.
      await this.js.publish(deadLetterSubject(this.prefix, sub.consumer, sub.topic), codec.encode(event), {
        msgID: `${event.id}:${sub.durable}`.slice(0, 200),
      });
    } catch (parkError) {
      // Not parked: keep it on the consumer so nothing is lost; it comes back after the ack wait.
      this.log(`[nats-bus] ${sub.durable}: could not park event ${event.id}, keeping it`, parkError);
      msg.nak(this.options.maxRetryDelayMs ?? 60_000);
      return;
    }
    this.log(`[nats-bus] ${sub.durable}: parked event ${event.id} (${event.topic}) as a dead letter: ${why}`, error);
    msg.term();
  }

  /** Stops the consumer loops (an in-flight handler finishes and acks), then drains the connection. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.stopping.abort();
      await Promise.allSettled(this.subscriptions.map((s) => s.messages?.close()));
      await Promise.allSettled(this.subscriptions.map((s) => s.loop));
      if (!this.nc.isClosed()) await this.nc.drain();
    })();
    return this.closed;
  }
}
