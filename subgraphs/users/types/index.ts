/** The GraphQL face of this subgraph: User (owned here), sign-in payloads and the personal-data report. */
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { PURPOSES, type Purpose, type Role } from "../../../shared/auth/roles.js";
import { LocaleEnum, RoleEnum } from "../../../shared/federation/enums.js";
import { reportTypesOf, type PersonalDataPartType } from "../../../shared/privacy/report-types.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import { DateScalar, DateTimeScalar } from "../../../shared/scalars.js";

export { enumOf, LocaleEnum, PurposeEnum, RoleEnum } from "../../../shared/federation/enums.js";

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

  /**
   * Made from the person's name, so released like the name. Non-null in the contract: withheld, it answers
   * "" with its PERSONAL_DATA_WITHHELD error alongside.
   */
  @Field(() => String)
  @Directive(personalData("name", FIELD_PURPOSES.name))
  login: string;

  /** Released with the person to whoever may reach them (a client cannot show a person without it); audited. */
  @Field(() => RoleEnum)
  @Directive(personalData("account", PURPOSES, { withObject: true }))
  role: Role;

  @Field(() => LocaleEnum)
  @Directive(personalData("account", PURPOSES, { withObject: true }))
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

/**
 * The report of DESIGN.md §6, assembled here: this subgraph's own items plus the parts the other subgraphs
 * hold (fetched by the gateway through @requires, never by calling them). `subjectId` is its key; the
 * parts are @inaccessible where they are resolved, so clients never see them.
 */
@ObjectType("PersonalDataReport")
@Directive('@key(fields: "subjectId")')
export class PersonalDataReportType {
  @Field(() => ID)
  subjectId: string;

  @Field(() => reportTypesOf("users").PersonalDataPart)
  @Directive("@external")
  institutionsPart?: PersonalDataPartType;

  @Field(() => reportTypesOf("users").PersonalDataPart)
  @Directive("@external")
  journalPart?: PersonalDataPartType;

  @Field(() => reportTypesOf("users").PersonalDataPart)
  @Directive("@external")
  notificationsPart?: PersonalDataPartType;
}
