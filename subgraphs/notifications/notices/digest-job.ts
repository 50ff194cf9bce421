import type { MikroORM } from "@mikro-orm/core";
import type { BackgroundJob } from "../../../shared/http/subgraph-server.js";
import { composeDigests } from "./digest.js";
import type { NoticePipeline } from "./pipeline.js";

/** Composes due digests every minute (a digest is due at DIGEST_AT; a minute late is fine). */
export class DigestJob implements BackgroundJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly pipeline: NoticePipeline,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass now unless one is under way; a failure is logged and the next tick tries again. */
  runOnce(): Promise<void> {
    this.running ??= composeDigests(this.orm.em, this.pipeline)
      .then(() => undefined)
      .catch((error: unknown) => console.error("[notifications] digest run failed", error))
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
