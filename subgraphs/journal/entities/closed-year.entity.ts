import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/**
 * A school year a school has closed (the year's rollover): its marks, attendance and lessons are final,
 * for teachers and the school's administration alike; they stay readable.
 */
@Entity({ tableName: "closed_years" })
@Unique({ properties: ["schoolId", "year"] })
export class ClosedYear {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  schoolId: string;

  /** The year the school year starts in (2026 = 2026/2027). */
  @Property({ type: "integer" })
  year: number;

  @Property({ type: "string", length: 10 })
  closedOn: string;
}
