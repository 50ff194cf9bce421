import { Entity, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { now } from "../clock.js";

/**
 * One release (or refusal) of someone's personal data to a caller, written by the subgraph that made
 * the decision. Append-only: no resolver updates or deletes these rows.
 */
@Entity({ tableName: "access_records" })
@Index({ properties: ["subjectId", "at"] })
export class AccessRecord {
  [OptionalProps]?: "id" | "at" | "reason" | "legalBasis" | "recipient" | "restricted" | "correlationId";

  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @Property({ type: "string", length: 36 })
  accessorId: string;

  @Property({ type: "string", length: 32 })
  accessorRole: string;

  @Property({ type: "string", length: 32 })
  purpose: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  /** Comma-separated "Type.field" names. */
  @Property({ type: "text" })
  fields: string;

  @Property({ type: "boolean" })
  released: boolean;

  @Property({ type: "string", length: 32, nullable: true })
  reason?: string;

  @Property({ type: "string", length: 200, nullable: true })
  legalBasis?: string;

  /** A legal disclosure's recipient (the authority named by the data protection officer). */
  @Property({ type: "string", length: 200, nullable: true })
  recipient?: string;

  /** A legal disclosure the law forbids telling the subject about: shown to the data protection officer only. */
  @Property({ type: "boolean" })
  restricted: boolean = false;

  /** The gateway's id of the request: one row per subject, outcome and request, whatever the client sent. */
  @Property({ type: "string", length: 64 })
  requestId: string;

  /** The client's X-Request-Id, for correlating with its logs; never a key. */
  @Property({ type: "string", length: 64, nullable: true })
  correlationId?: string;

  @Property({ type: "datetime" })
  at: Date = now();
}
