import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";

/** Replica from users: who to tell about a student, in which language. No names, no contacts beyond need. */
@Entity({ tableName: "guardian_links" })
@Unique({ properties: ["studentId", "guardianId"] })
export class GuardianLink {
  [OptionalProps]?: "locale" | "notify" | "consentChangedAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  studentId: string;

  /** Indexed: a consent change updates every link of one guardian. */
  @Index()
  @Property({ type: "string", length: 36 })
  guardianId: string;

  @Property({ type: "string", length: 10 })
  locale: string = "UZ_LATN";

  /** False once the guardian withdrew consent to notices (PARENT_NOTIFICATIONS); true again when given. */
  @Property({ type: "boolean" })
  notify: boolean = true;

  /** When that consent last changed, so a late or redelivered older change never undoes a newer one. */
  @Property({ type: "datetime", nullable: true })
  consentChangedAt?: Date | null;
}
