import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

export const NOTIFICATION_KINDS = ["GRADE", "ABSENCE", "LATE", "HOMEWORK", "TERM_MARK", "MESSAGE", "DATA_CORRECTION", "DIGEST"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notice to one person. The (sourceEventId, recipientId) pair is unique so a redelivered event
 * can never show a parent the same notice twice.
 */
@Entity({ tableName: "notifications" })
@Unique({ properties: ["sourceEventId", "recipientId"] })
@Index({ properties: ["recipientId", "createdAt"] })
@Index({ properties: ["inDigest", "digestedInto"] })
export class Notification {
  [OptionalProps]?: "createdAt" | "deliverAfter" | "inDigest" | "digestedInto";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  recipientId: string;

  @Property({ type: "string", length: 36, nullable: true })
  studentId?: string | null;

  @Property({ type: "string", length: 20 })
  kind: NotificationKind;

  @Property({ type: "string", length: 300 })
  title: string;

  @Property({ type: "text" })
  body: string;

  @Property({ type: "string", length: 36 })
  sourceEventId: string;

  @Property({ type: "datetime" })
  createdAt: Date = now();

  @Property({ type: "datetime", nullable: true })
  readAt?: Date | null;

  /**
   * No channel pushes the notice before this instant: the end of quiet hours, or the next digest. Null
   * (notices from before quiet hours existed) or past: due now. The in-app list shows a notice at once.
   */
  @Property({ type: "datetime", nullable: true })
  deliverAfter?: Date | null;

  /**
   * Carried by the guardian's daily digest (they chose it; the notice is not urgent): channels do not push
   * it on its own, they push the DIGEST notice that lists it.
   */
  @Property({ type: "boolean", default: false })
  inDigest: boolean = false;

  /** The DIGEST notice that carried it, once the digest job composed one. */
  @Property({ type: "string", length: 36, nullable: true })
  digestedInto?: string | null;
}
