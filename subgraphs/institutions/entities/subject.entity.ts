import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/** A school subject of the national curriculum (Matematika, Ona tili, …). */
@Entity({ tableName: "subjects" })
export class Subject {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 200 })
  nameLatn: string;

  @Property({ type: "string", length: 200, nullable: true })
  nameRu?: string;
}
