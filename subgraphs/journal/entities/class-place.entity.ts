import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/** Replica from institutions: where a class sits (school → district → region) and who leads it. */
@Entity({ tableName: "class_places" })
export class ClassPlace {
  @PrimaryKey({ type: "string", length: 36 })
  classId: string;

  // Reports start from the classes of a school, district or region.
  @Index()
  @Property({ type: "string", length: 36 })
  schoolId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  districtId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  regionId: string;

  @Property({ type: "integer" })
  gradeLevel: number;

  @Property({ type: "string", length: 36, nullable: true })
  homeroomTeacherId?: string | null;
}
