import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { now, nowMs } from "../../../shared/clock.js";

export const DATA_REQUEST_STEP_KINDS = [
  "FILED",
  "GRANTED",
  "REFUSED",
  /** The change was made here: values rectified, a block put in force or lifted, an erasure ordered. */
  "APPLIED",
  /** Other subgraphs were told through the outbox (the topic is the detail). */
  "PUBLISHED",
  /** Earlier internal recipients were sent a DATA_CORRECTION notice. */
  "RECIPIENTS_NOTIFIED",
  /** A correction message to an external recipient was recorded (there is no channel to them). */
  "EXTERNAL_RECIPIENT_MESSAGED",
] as const;
export type DataRequestStepKind = (typeof DATA_REQUEST_STEP_KINDS)[number];

let counter = 0;
/** Microseconds since the epoch plus a counter: the steps of one decision, taken within a millisecond, keep their order. */
const nextSeq = (): number => nowMs() * 1000 + (counter++ % 1000);

/** One step of a data request's workflow, append-only. The detail names fields, topics or counts, never values. */
@Entity({ tableName: "data_request_steps" })
@Index({ properties: ["requestId", "seq"] })
export class DataRequestStep {
  [OptionalProps]?: "id" | "seq" | "at" | "actorId" | "detail" | "restricted";

  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @Property({ type: "string", length: 36 })
  requestId: string;

  @Property({ type: "double" })
  seq: number = nextSeq();

  @Enum({ items: () => [...DATA_REQUEST_STEP_KINDS], type: "string" })
  kind: DataRequestStepKind;

  /** Who took the step; absent for what the system did on its own. */
  @Property({ type: "string", length: 36, nullable: true })
  actorId?: string | null;

  @Property({ type: "text", nullable: true })
  detail?: string | null;

  /**
   * A step that would reveal a disclosure the law restricts (a correction sent to its recipient): shown to
   * the data protection officer only (seesRestrictedDisclosures), never to the subject or a parent.
   */
  @Property({ type: "boolean" })
  restricted: boolean = false;

  @Property({ type: "datetime" })
  at: Date = now();
}
