import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** Replica from users: who to tell about a student, in which language. No names, no contacts beyond need. */
@Entity({ tableName: "guardian_links" })
@Unique({ properties: ["studentId", "guardianId"] })
export class GuardianLink {
  [OptionalProps]?: "locale" | "notify";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  studentId: string;

  @Property({ type: "string", length: 36 })
  guardianId: string;

  @Property({ type: "string", length: 10 })
  locale: string = "UZ_LATN";

  /** False once the guardian withdrew consent to notices. */
  @Property({ type: "boolean" })
  notify: boolean = true;
}
