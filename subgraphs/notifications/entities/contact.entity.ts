import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Replica from users: how a recipient of notices can be reached (the channels a notice pipeline sends
 * through) and in which language. Written by the seed, kept current by `users.profile.rectified`. Only
 * the contact columns, nothing else of the person.
 */
@Entity({ tableName: "contacts" })
export class Contact {
  [OptionalProps]?: "locale" | "phone" | "email";

  @PrimaryKey({ type: "string", length: 36 })
  recipientId: string;

  @Property({ type: "string", length: 20, nullable: true })
  phone?: string | null;

  @Property({ type: "string", length: 200, nullable: true })
  email?: string | null;

  @Property({ type: "string", length: 10 })
  locale: string = "UZ_LATN";
}
