import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/** A student in a class for an academic year; `endsOn` is set when they leave or move. */
@Entity({ tableName: "enrolments" })
export class Enrolment {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  studentId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "integer" })
  academicYear: number;

  @Property({ type: "string", length: 10 })
  startsOn: string;

  @Property({ type: "string", length: 10, nullable: true })
  endsOn?: string;
}
