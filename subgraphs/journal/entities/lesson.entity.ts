import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** One lesson of the timetable on a given day: class, subject, period, the teacher who gives it. */
@Entity({ tableName: "lessons" })
@Unique({ properties: ["classId", "date", "period"] })
// The timetable slot a generated lesson came from: generating the week again finds it even after a move.
@Unique({ properties: ["classId", "plannedDate", "plannedPeriod"] })
@Index({ properties: ["classId", "subjectId", "date"] })
export class Lesson {
  [OptionalProps]?: "cancelled";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Index()
  @Property({ type: "string", length: 36, nullable: true })
  teacherId?: string | null;

  @Property({ type: "string", length: 10 })
  date: string;

  @Property({ type: "integer" })
  period: number;

  @Property({ type: "string", length: 500, nullable: true })
  topic?: string | null;

  @Property({ type: "text", nullable: true })
  homework?: string | null;

  @Property({ type: "string", length: 10, nullable: true })
  homeworkDueOn?: string | null;

  @Property({ type: "string", length: 50, nullable: true })
  room?: string | null;

  /** Kept in the journal with its reason; takes no marks or attendance. */
  @Property({ type: "boolean", default: false })
  cancelled: boolean = false;

  @Property({ type: "string", length: 500, nullable: true })
  cancelReason?: string | null;

  /** Gives this lesson instead of `teacherId`, and may record its marks and attendance. */
  @Index()
  @Property({ type: "string", length: 36, nullable: true })
  substituteTeacherId?: string | null;

  /** Where the timetable put the lesson (null for lessons not made from a timetable). */
  @Property({ type: "string", length: 10, nullable: true })
  plannedDate?: string | null;

  @Property({ type: "integer", nullable: true })
  plannedPeriod?: number | null;
}
