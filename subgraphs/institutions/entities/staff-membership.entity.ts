import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Who works where: a teacher or admin at a school, an official at a district, a region or the ministry
 * (all three ids empty), the data protection officer at the operator. Ended memberships keep their dates.
 */
@Entity({ tableName: "staff_memberships" })
export class StaffMembership {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  userId: string;

  @Property({ type: "string", length: 32 })
  role: string;

  @Index()
  @Property({ type: "string", length: 36, nullable: true })
  schoolId?: string;

  @Property({ type: "string", length: 36, nullable: true })
  districtId?: string;

  @Property({ type: "string", length: 36, nullable: true })
  regionId?: string;

  @Property({ type: "string", length: 10 })
  startsOn: string;

  @Property({ type: "string", length: 10, nullable: true })
  endsOn?: string;
}
