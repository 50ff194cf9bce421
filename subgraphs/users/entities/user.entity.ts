import { Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { LOCALES, type Locale } from "../../../shared/i18n/locale.js";
import { PERSON_ROLES, type Role } from "../../../shared/auth/roles.js";
import { now } from "../../../shared/clock.js";

/** A natural person with an account. Personal columns are nullable: erasure anonymises them in place. */
@Entity({ tableName: "users" })
export class User {
  [OptionalProps]?: "locale" | "createdAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Unique()
  @Property({ type: "string", length: 64 })
  login: string;

  @Enum({ items: () => [...PERSON_ROLES], type: "string" })
  role: Role;

  @Enum({ items: () => [...LOCALES], type: "string" })
  locale: Locale = "UZ_LATN";

  /** Family name, given name, patronymic, in Uzbek Latin as written in documents. */
  @Property({ type: "string", length: 200, nullable: true })
  fullName?: string | null;

  /** The Cyrillic spelling when it is not a plain transliteration. */
  @Property({ type: "string", length: 200, nullable: true })
  fullNameCyrl?: string | null;

  @Property({ type: "string", length: 10, nullable: true })
  birthDate?: string | null;

  @Property({ type: "string", length: 1, nullable: true })
  gender?: "M" | "F" | null;

  @Property({ type: "string", length: 20, nullable: true })
  phone?: string | null;

  /** When the person confirmed `phone` with a code sent to it; a changed phone is unverified again. */
  @Property({ type: "datetime", nullable: true })
  phoneVerifiedAt?: Date | null;

  @Property({ type: "string", length: 200, nullable: true })
  email?: string | null;

  @Property({ type: "string", length: 14, nullable: true })
  pinfl?: string | null;

  @Property({ type: "string", length: 300, nullable: true })
  address?: string | null;

  @Property({ type: "datetime" })
  createdAt: Date = now();
}
