import { Entity, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** A teacher teaches a subject in a class. */
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
}
