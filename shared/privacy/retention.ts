/**
 * Everything a subgraph server needs for retention, in one call from its createRuntime (like
 * `replicatedRevocation`): the consumers that keep its schedule and the timer that carries it out.
 */
import type { MikroORM } from "@mikro-orm/core";
import type { Config } from "../config.js";
import type { OutboxRelay } from "../events/outbox.js";
import type { SubgraphDeps } from "../federation/subgraph-module.js";
import { logError } from "../http/log-safe.js";
import { PeriodicJob } from "../jobs/periodic-job.js";
import { registerRetentionConsumers } from "./retention-consumers.js";
import { runRetention, type RetentionPolicy, type RetentionReport } from "./retention-run.js";
import type { SubgraphPrivacy } from "./subgraph-privacy.js";

/** The part of the configuration retention reads. */
export type RetentionConfig = Pick<Config, "retention"> & { jwt: Pick<Config["jwt"], "accessTtlSeconds"> };

/** A subgraph's retention policy from the configuration. */
export function retentionPolicy(subgraph: string, privacy: SubgraphPrivacy, config: RetentionConfig): RetentionPolicy {
  return {
    subgraph,
    anonymise: privacy.anonymise,
    auditDays: config.retention.auditDays,
    settings: { accessTtlSeconds: config.jwt.accessTtlSeconds },
  };
}

/** One line per run that did something, for the server's log. */
export function summarise(report: RetentionReport): string {
  const tables = Object.entries(report.tables)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ");
  return (
    `[${report.subgraph}] retention${report.dryRun ? " (dry run)" : ""}: ${report.subjects.length} subject(s) anonymised` +
    `${tables ? ` (${tables})` : ""}, ${report.audit.purged} access record(s) older than ${report.audit.purgedBefore} purged`
  );
}

/** Runs a subgraph's retention every `intervalMinutes` (0: never); the first run comes one interval after start. */
export class RetentionJob extends PeriodicJob {
  constructor(
    private readonly orm: MikroORM,
    private readonly policy: RetentionPolicy,
    intervalMinutes: number,
    private readonly relay?: OutboxRelay,
  ) {
    super(intervalMinutes * 60_000, { orm, name: `${policy.subgraph}.retention` });
  }

  protected async work(): Promise<void> {
    const report = await runRetention(this.orm.em, this.policy);
    // Anonymising can write outbox events (users: revoked sessions).
    if (report.subjects.length > 0) this.relay?.kick();
    if (report.subjects.length > 0 || report.audit.purged > 0) console.log(summarise(report));
  }

  protected failed(error: unknown): void {
    logError(`[${this.policy.subgraph}] retention run failed`, error);
  }
}

/**
 * Subscribes the subgraph's retention consumers (named after the subgraph) and returns its scheduled
 * job, for the runtime's `jobs` (started when the server listens, stopped when it closes).
 */
export function keepRetention(deps: SubgraphDeps, subgraph: string, privacy: SubgraphPrivacy): RetentionJob {
  const policy = retentionPolicy(subgraph, privacy, deps.config);
  registerRetentionConsumers(deps, { consumer: subgraph, privacy, policy, daysAfterLeaving: deps.config.retention.daysAfterLeaving });
  return new RetentionJob(deps.orm, policy, deps.config.retention.intervalMinutes, deps.relay);
}
