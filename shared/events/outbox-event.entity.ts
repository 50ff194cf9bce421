import { Entity, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { now, nowMs } from "../clock.js";

let counter = 0;
/** Microseconds since the epoch plus a counter: increasing within one process, roughly ordered across. */
const nextSeq = (): number => nowMs() * 1000 + (counter++ % 1000);

/**
 * An event waiting to leave its subgraph. Written in the same transaction as the change it reports,
 * so a crash can delay it but never lose it; the relay marks it published once the bus has it.
 */
@Entity({ tableName: "outbox_events" })
@Index({ properties: ["publishedAt", "seq"] })
export class OutboxEvent {
  [OptionalProps]?: "id" | "seq" | "createdAt" | "attempts";

  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  /** Insertion order, so consumers see one subgraph's events in the order they happened. */
  @Property({ type: "double" })
  seq: number = nextSeq();

  @Property({ type: "string", length: 100 })
  topic: string;

  @Property({ type: "json" })
  payload: Record<string, unknown>;

  @Property({ type: "datetime" })
  createdAt: Date = now();

  @Property({ type: "datetime", nullable: true })
  publishedAt?: Date;

  @Property({ type: "integer" })
  attempts: number = 0;
}
