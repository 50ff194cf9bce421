import { Entity, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** One lesson of the timetable on a given day: class, subject, period, the teacher who gives it. */
@Entity({ tableName: "lessons" })
@Unique({ properties: ["classId", "date", "period"] })
@Index({ properties: ["classId", "subjectId", "date"] })
export class Lesson {
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
}
