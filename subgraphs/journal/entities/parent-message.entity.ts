import { Entity, Enum, Index, PrimaryKey, Property } from "@mikro-orm/core";

export const MESSAGE_TOPICS = ["BEHAVIOUR", "MEETING", "PROGRESS", "OTHER"] as const;
export type MessageTopic = (typeof MESSAGE_TOPICS)[number];

/** A teacher's message to a student's parents (behaviour, a meeting, …); parents receive it as a notice. */
@Entity({ tableName: "parent_messages" })
export class ParentMessage {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  studentId: string;

  /** The student's class when the message was sent. */
  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 36 })
  senderId: string;

  @Enum({ items: () => [...MESSAGE_TOPICS], type: "string" })
  topic: MessageTopic;

  /** The teacher's own words; null once the student's data is anonymised. */
  @Property({ type: "text", nullable: true })
  text?: string | null;

  @Property({ type: "datetime" })
  sentAt: Date;
}
