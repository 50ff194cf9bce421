import { Entity, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { now } from "../../../shared/clock.js";

/**
 * A correction owed to an external recipient of a subject's data (a legal disclosure): the system has no
 * channel to them, so the message is recorded here for the data protection officer to send. It names the
 * corrected fields, never their values.
 */
@Entity({ tableName: "correction_messages" })
@Index({ properties: ["subjectId", "at"] })
export class CorrectionMessage {
  [OptionalProps]?: "id" | "at" | "restricted";

  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @Property({ type: "string", length: 36 })
  dataRequestId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  /** Who received the data; the disclosure's legal basis stands in until the audit records a recipient. */
  @Property({ type: "string", length: 200 })
  recipient: string;

  /** The legal basis under which the data was disclosed. */
  @Property({ type: "string", length: 200 })
  basis: string;

  /** Comma-separated "Type.field" names that were corrected. */
  @Property({ type: "text" })
  fields: string;

  /** Owed for a restricted disclosure: for the data protection officer's eyes only, like the disclosure. */
  @Property({ type: "boolean" })
  restricted: boolean = false;

  @Property({ type: "datetime" })
  at: Date = now();
}
