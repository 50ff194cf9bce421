import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Replica of institutions' facts this subgraph needs to compute token claims and relationships
 * without calling institutions at sign-in: where a person studies or works, with the territory above.
 * kind: "ENROLMENT" (student in class), "MEMBERSHIP" (staff at org), "TEACHING" (teacher × class × subject),
 * "HOMEROOM" (teacher leads class). Minimal columns only. Written by the seed and by the
 * consumers of institutions' events (placements/consumers.ts); `endsOn` also follows
 * `institutions.enrolment.ended` / `institutions.employment.ended` (privacy/placements.ts).
 */
@Entity({ tableName: "placements" })
export class Placement {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 16 })
  kind: "ENROLMENT" | "MEMBERSHIP" | "TEACHING" | "HOMEROOM";

  @Index()
  @Property({ type: "string", length: 36 })
  userId: string;

  @Property({ type: "string", length: 32, nullable: true })
  role?: string | null;

  @Index()
  @Property({ type: "string", length: 36, nullable: true })
  classId?: string | null;

  @Property({ type: "string", length: 36, nullable: true })
  subjectId?: string | null;

  @Property({ type: "string", length: 36, nullable: true })
  schoolId?: string | null;

  @Property({ type: "string", length: 36, nullable: true })
  districtId?: string | null;

  @Property({ type: "string", length: 36, nullable: true })
  regionId?: string | null;

  /** From this day (null: as long as the seed knows). */
  @Property({ type: "string", length: 10, nullable: true })
  startsOn?: string | null;

  @Property({ type: "string", length: 10, nullable: true })
  endsOn?: string | null;
}
