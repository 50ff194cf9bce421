import { Entity, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** One weekly slot of a class's timetable for one term: who teaches what, where. */
@Entity({ tableName: "timetable_entries" })
@Unique({ properties: ["classId", "termId", "weekday", "period"] })
// A teacher's slots across classes: the clash check and the teacher's own week.
@Index({ properties: ["teacherId", "termId"] })
export class TimetableEntry {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  classId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  termId: string;

  /** ISO weekday, Monday 1 … Saturday 6. */
  @Property({ type: "integer" })
  weekday: number;

  @Property({ type: "integer" })
  period: number;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Property({ type: "string", length: 36 })
  teacherId: string;

  @Property({ type: "string", length: 50, nullable: true })
  room?: string | null;
}
