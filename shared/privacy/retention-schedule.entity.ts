import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { now } from "../clock.js";

export const RETENTION_REASONS = ["LEFT_SCHOOL", "EMPLOYMENT_ENDED", "ERASURE"] as const;
export type RetentionReason = (typeof RETENTION_REASONS)[number];

/**
 * When a person's data in this subgraph is to be anonymised, and whether it has been. Every subgraph
 * keeps its own schedule, filled from institutions' leaving events and users' granted erasures, so each
 * anonymises its own tables without asking another subgraph. One row per person and reason.
 */
@Entity({ tableName: "retention_schedule" })
@Unique({ properties: ["subjectId", "reason"] })
@Index({ properties: ["doneAt", "dueOn"] })
export class RetentionSchedule {
  [OptionalProps]?: "id" | "createdAt" | "doneAt" | "outcome";

  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Property({ type: "string", length: 20 })
  reason: RetentionReason;

  /** The day (Tashkent) from which the run anonymises the person: the end of the processing period. */
  @Property({ type: "string", length: 10 })
  dueOn: string;

  @Property({ type: "datetime" })
  createdAt: Date = now();

  @Property({ type: "datetime", nullable: true })
  doneAt?: Date | null;

  /** Rows changed per table when it was carried out (what the run reported). */
  @Property({ type: "json", nullable: true })
  outcome?: Record<string, number> | null;
}
