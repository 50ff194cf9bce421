import { Entity, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** A teacher teaches a subject in a class, from `startsOn` until before `endsOn` (null dates: the seed's open-ended rows). */
@Entity({ tableName: "teaching_assignments" })
@Unique({ properties: ["teacherId", "classId", "subjectId"] })
export class TeachingAssignment {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  teacherId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Property({ type: "string", length: 10, nullable: true })
  startsOn?: string | null;

  @Property({ type: "string", length: 10, nullable: true })
  endsOn?: string | null;
}
