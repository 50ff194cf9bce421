import { Entity, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** A class of one academic year, e.g. "5-A" of 2026/2027. */
@Entity({ tableName: "school_classes" })
@Unique({ properties: ["schoolId", "academicYear", "name"] })
export class SchoolClass {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  schoolId: string;

  @Property({ type: "string", length: 20 })
  name: string;

  @Property({ type: "integer" })
  gradeLevel: number;

  /** The year the academic year starts in (2026 for 2026/2027). */
  @Property({ type: "integer" })
  academicYear: number;

  @Index()
  @Property({ type: "string", length: 36, nullable: true })
  homeroomTeacherId?: string;
}
