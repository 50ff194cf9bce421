import type { MikroORM } from "@mikro-orm/core";
import { logError } from "../../../shared/http/log-safe.js";
import { PeriodicJob } from "../../../shared/jobs/periodic-job.js";
import { composeDigests } from "./digest.js";
import type { NoticePipeline } from "./pipeline.js";

/** Composes due digests every minute (a digest is due at DIGEST_AT; a minute late is fine). */
export class DigestJob extends PeriodicJob {
  constructor(
    private readonly orm: MikroORM,
    private readonly pipeline: NoticePipeline,
    intervalMs = 60_000,
  ) {
    super(intervalMs, { orm, name: "notifications.digest" });
  }

  protected async work(): Promise<void> {
    await composeDigests(this.orm.em, this.pipeline);
  }

  protected failed(error: unknown): void {
    logError("[notifications] digest run failed", error);
  }
}
