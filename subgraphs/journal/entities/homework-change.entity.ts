import { Entity, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

/**
 * One change of a lesson's homework: who, when, the text and due date before and after. Append-only;
 * read by the school's administration. Homework's own table, apart from the marks' cell history.
 */
@Entity({ tableName: "homework_changes" })
@Index({ properties: ["classId", "lessonDate"] })
export class HomeworkChange {
  [OptionalProps]?: "changedAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  lessonId: string;

  /** Copied from the lesson, so a class's history over a range of days needs no join. */
  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 10 })
  lessonDate: string;

  @Property({ type: "string", length: 36 })
  changedById: string;

  @Property({ type: "datetime" })
  changedAt: Date = now();

  @Property({ type: "text", nullable: true })
  oldText?: string | null;

  @Property({ type: "text", nullable: true })
  newText?: string | null;

  @Property({ type: "string", length: 10, nullable: true })
  oldDueOn?: string | null;

  @Property({ type: "string", length: 10, nullable: true })
  newDueOn?: string | null;
}
