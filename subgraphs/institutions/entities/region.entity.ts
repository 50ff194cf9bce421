import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** A top-level unit: one of the 12 regions, Karakalpakstan or Tashkent city (SOATO code). */
@Entity({ tableName: "regions" })
export class Region {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Unique()
  @Property({ type: "string", length: 10 })
  soato: string;

  @Property({ type: "string", length: 200 })
  nameLatn: string;

  @Property({ type: "string", length: 200 })
  nameCyrl: string;

  @Property({ type: "string", length: 200 })
  nameRu: string;
}
