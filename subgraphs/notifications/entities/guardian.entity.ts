import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Replica from users, one row per guardian: what decides how their notices are written and when they go
 * out. Kept per guardian (not only on each GuardianLink) so a change that arrives before the guardian's
 * first link, or out of order with it, is not lost: a new link starts from this row. Every change here is
 * copied onto the guardian's links (notify, locale), which the pipeline reads.
 */
@Entity({ tableName: "guardians" })
export class Guardian {
  [OptionalProps]?: "locale" | "language" | "digest" | "notify" | "consentChangedAt" | "profileChangedAt";

  /** The guardian's user id. */
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  /** The interface language of their profile (`users.profile.changed`). */
  @Property({ type: "string", length: 10 })
  locale: string = "UZ_LATN";

  /** The language they chose for notices (a preference), over the profile's when set. */
  @Property({ type: "string", length: 10, nullable: true })
  language?: string | null;

  /** They chose one daily digest instead of each non-urgent notice pushed on its own. */
  @Property({ type: "boolean", default: false })
  digest: boolean = false;

  /** Their consent to notices (PARENT_NOTIFICATIONS) is in force. */
  @Property({ type: "boolean", default: false })
  notify: boolean = false;

  /** When that consent last changed: an older change arriving late never undoes a newer one. */
  @Property({ type: "datetime", nullable: true })
  consentChangedAt?: Date | null;

  /** When the profile's locale was last taken over, for the same reason. */
  @Property({ type: "datetime", nullable: true })
  profileChangedAt?: Date | null;
}
