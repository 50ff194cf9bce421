/**
 * A bus that kills its own process at one chosen step, for the crash tests only (tests/support/crash/node.ts
 * builds it from CRASH_AT; no production code has crash points). SIGKILL: no handler, no flush, no
 * goodbye, as when the machine loses power.
 *
 * Steps, each counted per topic from the start of the process:
 * - `before-publish`: the relay is about to hand the n-th event to the bus (committed, not yet sent);
 * - `after-publish`: the bus took the n-th event (in-process: every consumer committed it; NATS: the
 *   stream stored it), the relay has not yet marked it published;
 * - `after-handle`: a consumer committed the n-th event it was given, and has not acknowledged it.
 */
import type { EventBus, EventEnvelope, EventHandler } from "../../../shared/events/bus.js";

export const CRASH_STEPS = ["before-publish", "after-publish", "after-handle"] as const;
export type CrashStep = (typeof CRASH_STEPS)[number];

export interface CrashPoint {
  step: CrashStep;
  topic: string;
  /** 1-based: the n-th event of the topic at that step. */
  n: number;
}

/** Parses `<step>:<topic>:<n>`. */
export function parseCrashPoint(raw: string): CrashPoint {
  const [step, topic, n] = raw.split(":");
  if (!CRASH_STEPS.includes(step as CrashStep) || !topic || !Number.isInteger(Number(n)) || Number(n) < 1) {
    throw new Error(`CRASH_AT must be <${CRASH_STEPS.join("|")}>:<topic>:<n>, got "${raw}"`);
  }
  return { step: step as CrashStep, topic, n: Number(n) };
}

const die = (why: string): never => {
  process.stdout.write(`CRASH ${why}\n`);
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable: SIGKILL did not stop the process");
};

export class CrashingBus implements EventBus {
  private published = 0;
  private handled = 0;

  constructor(
    private readonly inner: EventBus,
    private readonly point: CrashPoint,
  ) {}

  async publish(event: EventEnvelope): Promise<void> {
    const ours = event.topic === this.point.topic;
    if (ours && this.point.step === "before-publish" && this.published + 1 === this.point.n) die(`before publishing ${event.id}`);
    await this.inner.publish(event);
    if (ours) this.published += 1;
    if (ours && this.point.step === "after-publish" && this.published === this.point.n) die(`after publishing ${event.id}`);
  }

  subscribe(topic: string, consumer: string, handler: EventHandler): void {
    if (topic !== this.point.topic || this.point.step !== "after-handle") {
      this.inner.subscribe(topic, consumer, handler);
      return;
    }
    this.inner.subscribe(topic, consumer, async (event) => {
      await handler(event);
      this.handled += 1;
      if (this.handled === this.point.n) die(`after ${consumer} handled ${event.id}, before its ack`);
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
