import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * A write answered under a client's Idempotency-Key: what the write produced (the ids of the objects it
 * returned), so the same call sent again after a lost answer is answered with them instead of applied
 * again. Kept a day (IDEMPOTENCY_TTL_MS): a client retries within minutes.
 */
@Entity({ tableName: "idempotency_records" })
export class IdempotencyRecord {
  /** sha256 of operation, caller and key: a key is the caller's own and names one operation. */
  @PrimaryKey({ type: "string", length: 64 })
  id: string;

  @Property({ type: "string", length: 100 })
  operation: string;

  /** sha256 of the call's input: the same key with another input is a client bug, refused. */
  @Property({ type: "string", length: 64 })
  inputHash: string;

  /** The ids of the objects the write returned, in order. */
  @Property({ type: "json" })
  resultIds: string[];

  @Index()
  @Property({ type: "datetime" })
  createdAt: Date;
}
