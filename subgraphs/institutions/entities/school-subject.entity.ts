import { Entity, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** A subject of the national catalogue that a school has chosen to teach. */
@Entity({ tableName: "school_subjects" })
@Unique({ properties: ["schoolId", "subjectId"] })
export class SchoolSubject {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  schoolId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;
}
