/**
 * The value types of the personal-data report (DESIGN.md §6). Every subgraph returns them, for the part of
 * the report it holds, so they are @shareable; the users subgraph assembles the whole report.
 */
import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { Purpose, Role } from "../auth/roles.js";
import { PurposeEnum, RoleEnum } from "../federation/enums.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";

@ObjectType("PersonalDataItem")
@Directive("@shareable")
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
@Directive("@shareable")
export class DisclosureType {
  @Field(() => String)
  recipient: string;

  @Field(() => PurposeEnum)
  purpose: Purpose;

  @Field(() => [String])
  fields: string[];

  @Field(() => DateTimeScalar)
  at: Date;

  @Field(() => String, { nullable: true, description: "The legal basis the disclosure rested on" })
  legalBasis?: string | null;

  @Field(() => Boolean, { description: "Restricted by law: shown to the data protection officer only" })
  restricted: boolean;

  @Field(() => String, { description: "The request the disclosure was part of" })
  requestId: string;
}

/** GraphQL "AccessRecord"; the audit table's entity of the same name lives in shared/audit. */
@ObjectType("AccessRecord")
@Directive("@shareable")
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

  @Field(() => String, { description: "The request the access was part of (one record per request and accessor)" })
  requestId: string;
}

/**
 * One subgraph's share of a subject's report. Not part of the public API (@inaccessible on the fields that
 * return it): the users subgraph @requires the parts and merges them into `items`, `disclosures`, `accesses`.
 */
@ObjectType("PersonalDataPart")
@Directive("@shareable")
export class PersonalDataPartType {
  @Field(() => [PersonalDataItemType])
  items: PersonalDataItemType[];

  @Field(() => [DisclosureType])
  disclosures: DisclosureType[];

  @Field(() => [AccessRecordType])
  accesses: AccessRecordType[];

  @Field(() => DateScalar, {
    nullable: true,
    description: "When the subject left or is expected to leave the school system (institutions knows it)",
  })
  leavesOn?: string | null;
}

/** The selection the users subgraph @requires of each part. */
export const PART_SELECTION =
  "items { field category value source purposes retainedUntil } " +
  "disclosures { recipient purpose fields at legalBasis restricted requestId } " +
  "accesses { accessorId accessorRole purpose fields at requestId } leavesOn";
