import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";

export const NOTIFICATION_KINDS = ["GRADE", "ABSENCE", "LATE", "HOMEWORK", "TERM_MARK", "MESSAGE", "DATA_CORRECTION"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notice to one person. The (sourceEventId, recipientId) pair is unique so a redelivered event
 * can never show a parent the same notice twice.
 */
@Entity({ tableName: "notifications" })
@Unique({ properties: ["sourceEventId", "recipientId"] })
@Index({ properties: ["recipientId", "createdAt"] })
export class Notification {
  [OptionalProps]?: "createdAt";

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
  createdAt: Date = new Date();

  @Property({ type: "datetime", nullable: true })
  readAt?: Date | null;
}
