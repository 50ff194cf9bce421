import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

/** A parent or other legal representative of a student. */
@Entity({ tableName: "guardianships" })
@Unique({ properties: ["parentId", "studentId"] })
export class Guardianship {
  [OptionalProps]?: "relation" | "createdAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  parentId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  studentId: string;

  /** mother | father | guardian */
  @Property({ type: "string", length: 20 })
  relation: string = "guardian";

  @Property({ type: "datetime" })
  createdAt: Date = now();
}
