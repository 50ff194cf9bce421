import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

@Entity({ tableName: "schools" })
export class School {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  /** Denormalised from the district so territory checks need no join. */
  @Index()
  @Property({ type: "string", length: 36 })
  districtId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  regionId: string;

  @Property({ type: "string", length: 200 })
  nameLatn: string;

  @Property({ type: "string", length: 200, nullable: true })
  nameCyrl?: string;
}
