/**
 * The timing every background job of a subgraph shares: a run every `intervalMs` (0: never), the first one
 * interval after start so it is never in the way of start-up; one run at a time (a tick that finds one under
 * way joins it); a failed run is reported and the next tick tries again. The timer never keeps the process
 * alive on its own. Subclasses say what a run does (`work`) and what a failure answers (`failed`).
 */
import type { BackgroundJob } from "../http/subgraph-server.js";

export abstract class PeriodicJob<T = void> implements BackgroundJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  constructor(private readonly intervalMs: number) {}

  protected abstract work(): Promise<T>;

  /** Logs the failure; its answer is what `runOnce` resolves with. */
  protected abstract failed(error: unknown): T;

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One run now, unless one is already under way. */
  runOnce(): Promise<T> {
    this.running ??= this.work()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
