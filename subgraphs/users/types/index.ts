/** The GraphQL face of this subgraph: User (owned here), sign-in payloads and the personal-data report. */
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { PURPOSES, ROLES, type Purpose, type Role } from "../../../shared/auth/roles.js";
import { LOCALES, type Locale } from "../../../shared/i18n/locale.js";
import { DateScalar, DateTimeScalar } from "../../../shared/scalars.js";

// type-graphql wants enum objects; the string unions in shared/ stay the source of truth.
export const enumOf = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const RoleEnum = enumOf(ROLES);
export const LocaleEnum = enumOf(LOCALES);
export const PurposeEnum = enumOf(PURPOSES);
registerEnumType(RoleEnum, { name: "Role" });
registerEnumType(LocaleEnum, { name: "Locale" });
registerEnumType(PurposeEnum, { name: "Purpose" });

/** Lawful purposes per kind of personal field (policy.ts then narrows by role and relationship). */
export const FIELD_PURPOSES = {
  account: ["ADMINISTRATION", "SELF_SERVICE"],
  name: ["JOURNAL", "PARENT_NOTIFICATION", "ADMINISTRATION", "SELF_SERVICE"],
  demographic: ["JOURNAL", "ADMINISTRATION", "SELF_SERVICE"],
  contact: ["JOURNAL", "PARENT_NOTIFICATION", "ADMINISTRATION", "SELF_SERVICE"],
  // JOURNAL too: a parent reads their child's PINFL in the ordinary app; the matrix keeps it from teachers.
  identifier: ["JOURNAL", "ADMINISTRATION", "SELF_SERVICE"],
  family: ["JOURNAL", "PARENT_NOTIFICATION", "ADMINISTRATION", "SELF_SERVICE"],
} as const satisfies Record<string, readonly Purpose[]>;

/** A person with an account. fullName, children and guardians are field resolvers in ../resolvers/user.resolver.ts. */
@ObjectType("User")
@Directive('@key(fields: "id")')
export class UserType {
  @Field(() => ID)
  id: string;

  /** Not annotated (the contract makes it non-null); the whole User is unreachable without a relationship. */
  @Field(() => String)
  login: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => LocaleEnum)
  locale: Locale;

  @Field(() => DateScalar, { nullable: true })
  @Directive(personalData("demographic", FIELD_PURPOSES.demographic))
  birthDate?: string | null;

  @Field(() => String, { nullable: true })
  @Directive(personalData("contact", FIELD_PURPOSES.contact))
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Directive(personalData("contact", FIELD_PURPOSES.contact))
  email?: string | null;

  @Field(() => String, { nullable: true, description: "14-digit personal identification number" })
  @Directive(personalData("identifier", FIELD_PURPOSES.identifier))
  pinfl?: string | null;
}

@ObjectType("AuthPayload")
export class AuthPayloadType {
  @Field(() => String)
  accessToken: string;

  @Field(() => String)
  refreshToken: string;

  @Field(() => DateTimeScalar, { description: "When the access token expires" })
  expiresAt: Date;

  @Field(() => UserType)
  user: UserType;
}

@ObjectType("PersonalDataItem")
export class PersonalDataItemType {
  @Field(() => String, { description: 'e.g. "User.phone"' })
  field: string;

  @Field(() => String)
  category: string;

  @Field(() => String, { nullable: true })
  value?: string | null;

  @Field(() => String, { description: "Who or what supplied it" })
  source: string;

  @Field(() => [PurposeEnum])
  purposes: Purpose[];

  @Field(() => DateScalar, { nullable: true })
  retainedUntil?: string | null;
}

@ObjectType("Disclosure")
export class DisclosureType {
  @Field(() => String)
  recipient: string;

  @Field(() => PurposeEnum)
  purpose: Purpose;

  @Field(() => [String])
  fields: string[];

  @Field(() => DateTimeScalar)
  at: Date;
}

/** GraphQL "AccessRecord"; the audit table's entity of the same name lives in shared/audit. */
@ObjectType("AccessRecord")
export class AccessRecordType {
  @Field(() => ID)
  accessorId: string;

  @Field(() => RoleEnum)
  accessorRole: Role;

  @Field(() => PurposeEnum)
  purpose: Purpose;

  @Field(() => [String])
  fields: string[];

  @Field(() => DateTimeScalar)
  at: Date;
}

@ObjectType("PersonalDataReport")
export class PersonalDataReportType {
  @Field(() => UserType)
  subject: UserType;

  @Field(() => [PersonalDataItemType])
  items: PersonalDataItemType[];

  @Field(() => [DisclosureType])
  disclosures: DisclosureType[];

  @Field(() => [AccessRecordType])
  accesses: AccessRecordType[];
}
