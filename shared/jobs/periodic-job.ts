/**
 * The timing every background job of a subgraph shares: a run every `intervalMs` (0: never), the first one
 * interval after start so it is never in the way of start-up; one run at a time (a tick that finds one under
 * way joins it); a failed run is reported and the next tick tries again. The timer never keeps the process
 * alive on its own. Subclasses say what a run does (`work`) and what a failure answers (`failed`).
 *
 * A job given `exclusive` runs on one instance at a time across every process sharing the database
 * (run-claim.ts): a tick that finds another instance's run under way skips with one quiet line.
 */
import type { MikroORM } from "@mikro-orm/core";
import type { BackgroundJob } from "../http/subgraph-server.js";
import { claimRun } from "./run-claim.js";

export interface Exclusive {
  orm: MikroORM;
  /** Names the run across instances: `<subgraph>.<job>`. */
  name: string;
  /** Where the skip line goes (default: the console). */
  log?: (message: string) => void;
}

export abstract class PeriodicJob<T = void> implements BackgroundJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  constructor(
    private readonly intervalMs: number,
    private readonly exclusive?: Exclusive,
  ) {}

  protected abstract work(): Promise<T>;

  /** What a run skipped because another instance holds it answers (a count: 0). */
  protected skipped(): T {
    return undefined as T;
  }

  /** Logs the failure; its answer is what `runOnce` resolves with. */
  protected abstract failed(error: unknown): T;

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One run now, unless one is already under way. */
  runOnce(): Promise<T> {
    this.running ??= this.claimedWork()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async claimedWork(): Promise<T> {
    if (!this.exclusive) return this.work();
    const outcome = await claimRun(this.exclusive.orm, this.exclusive.name, () => this.work());
    if (outcome.claimed) return outcome.value;
    (this.exclusive.log ?? console.log)(`[${this.exclusive.name}] another instance is running this job; skipped`);
    return this.skipped();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
