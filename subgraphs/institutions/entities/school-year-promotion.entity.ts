import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** A school's classes of one school year, promoted to the next (at most once: the unique key says so). */
@Entity({ tableName: "school_year_promotions" })
@Unique({ properties: ["schoolId", "fromYear"] })
export class SchoolYearPromotion {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  schoolId: string;

  /** The school year promoted from (2026 = 2026/2027). */
  @Property({ type: "integer" })
  fromYear: number;

  @Property({ type: "string", length: 36 })
  promotedById: string;

  @Property({ type: "datetime" })
  promotedAt: Date;
}
