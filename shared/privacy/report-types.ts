/**
 * The value types of the personal-data report (DESIGN.md §6). Every subgraph returns them, for the part of
 * the report it holds, so they are @shareable; the users subgraph assembles the whole report.
 *
 * Each subgraph gets its own classes (`reportTypesOf`): type-graphql attaches a field resolver's field to
 * its class in every schema built in the process, and AccessRecord gains different fields in users
 * (accessorName) and institutions (accessorOrganisation). Shared classes would leak one into the other.
 */
import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { Purpose, Role } from "../auth/roles.js";
import { SUBGRAPHS, type SubgraphName } from "../config.js";
import { PurposeEnum, RoleEnum } from "../federation/enums.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";

export interface PersonalDataItemType {
  field: string;
  category: string;
  value?: string | null;
  source: string;
  purposes: Purpose[];
  retainedUntil?: string | null;
}

export interface DisclosureType {
  recipient: string;
  purpose: Purpose;
  fields: string[];
  at: Date;
  legalBasis?: string | null;
  restricted: boolean;
  requestId: string;
}

export interface AccessRecordType {
  accessorId: string;
  accessorRole: Role;
  purpose: Purpose;
  fields: string[];
  at: Date;
  requestId: string;
}

export interface PersonalDataPartType {
  items: PersonalDataItemType[];
  disclosures: DisclosureType[];
  accesses: AccessRecordType[];
  leavesOn?: string | null;
}

function defineReportTypes() {
  @ObjectType("PersonalDataItem")
  @Directive("@shareable")
  class PersonalDataItemClass implements PersonalDataItemType {
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
  class DisclosureClass implements DisclosureType {
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

  /**
   * GraphQL "AccessRecord"; the audit table's entity of the same name lives in shared/audit. An entity by its
   * accessor so that the users subgraph can say who the accessor is (accessorName, and where they work as an
   * internal place) and institutions can name that place (accessorOrganisation) in one batched fetch.
   */
  @ObjectType("AccessRecord")
  @Directive("@shareable")
  @Directive(`@key(fields: "accessorId accessorRole")`)
  class AccessRecordClass implements AccessRecordType {
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
  class PersonalDataPartClass implements PersonalDataPartType {
    @Field(() => [PersonalDataItemClass])
    items: PersonalDataItemType[];

    @Field(() => [DisclosureClass])
    disclosures: DisclosureType[];

    @Field(() => [AccessRecordClass])
    accesses: AccessRecordType[];

    @Field(() => DateScalar, {
      nullable: true,
      description: "When the subject left or is expected to leave the school system (institutions knows it)",
    })
    leavesOn?: string | null;
  }

  return {
    PersonalDataItem: PersonalDataItemClass,
    Disclosure: DisclosureClass,
    AccessRecord: AccessRecordClass,
    PersonalDataPart: PersonalDataPartClass,
  };
}

export type ReportTypes = ReturnType<typeof defineReportTypes>;
// Defined up front: type-graphql must know every class before the first schema is built in the process.
const bySubgraph = new Map<SubgraphName, ReportTypes>(SUBGRAPHS.map((name) => [name, defineReportTypes()]));

/** The report's classes for one subgraph's schema (the same ones on every call). */
export const reportTypesOf = (subgraph: SubgraphName): ReportTypes => bySubgraph.get(subgraph)!;

/** The selection the users subgraph @requires of each part. */
export const PART_SELECTION =
  "items { field category value source purposes retainedUntil } " +
  "disclosures { recipient purpose fields at legalBasis restricted requestId } " +
  "accesses { accessorId accessorRole purpose fields at requestId } leavesOn";
