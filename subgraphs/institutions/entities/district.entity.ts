import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

@Entity({ tableName: "districts" })
export class District {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  regionId: string;

  @Property({ type: "string", length: 200 })
  nameLatn: string;

  @Property({ type: "string", length: 200, nullable: true })
  nameCyrl?: string;

  @Property({ type: "string", length: 200, nullable: true })
  nameRu?: string;
}
