import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { now } from "../clock.js";

/** Marks an event as handled by one consumer, written in the consumer's own transaction: redelivery is a no-op. */
@Entity({ tableName: "processed_events" })
export class ProcessedEvent {
  [OptionalProps]?: "processedAt";

  @PrimaryKey({ type: "string", length: 36 })
  eventId: string;

  @PrimaryKey({ type: "string", length: 100 })
  consumer: string;

  @Property({ type: "datetime" })
  processedAt: Date = now();
}
