/**
 * The access matrix of DESIGN.md §3, in one place. A personal field is released when the caller has a
 * relationship to its subject whose rule admits the category and the declared purpose, and the field
 * itself is lawful for that purpose (its @personalData purposes). The README prints this table.
 */
import type { WithholdReason } from "../errors.js";
import type { Caller } from "./claims.js";
import { relationshipsOf, type Relationship } from "./relationships.js";
import { ROLE_PURPOSES, type Purpose } from "./roles.js";
import type { DataSubject, SubjectKind } from "./subject.js";

export const CATEGORIES = [
  "name",
  "demographic",
  "identifier",
  "contact",
  "address",
  "academic",
  "sensitive",
  "family",
  "enrolment",
  "account",
  "messages",
  "history",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** "ANY" = any purpose the caller's role may declare. */
type Allowed = readonly Purpose[] | "ANY";
type Rules = Partial<Record<Category, Partial<Record<Relationship, Allowed>>>>;

const J: Allowed = ["JOURNAL"];
const ADM: Allowed = ["ADMINISTRATION"];
const J_ADM: Allowed = ["JOURNAL", "ADMINISTRATION"];

/**
 * PARTNER (a school's own integration, shared/auth/partners.ts) gets what a journal client needs and no
 * more: students' names, enrolment and marks/attendance, staff names and school; never contacts,
 * identifiers, birth dates, family links, accounts or the sensitive category (an illness shows as an
 * excused absence, as to a subject teacher).
 */
const BASE_MATRIX: Record<SubjectKind, Rules> = {
  STUDENT: {
    // The school or class a student left keeps the name on the rows of that time and may open the list of
    // marks: each dated row is then judged by the enrolment covering its day (relationships.ts, asOfRecord).
    // SUBSTITUTE: a lesson's rows only (its marks, attendance and class list), for its days (subject.ts).
    name: { GUARDIAN: "ANY", SUBJECT_TEACHER: J, SUBSTITUTE: J, HOMEROOM: J, SCHOOL_ADMIN: J_ADM, PARTNER: J, FORMER_SCHOOL: J_ADM },
    demographic: { GUARDIAN: "ANY", HOMEROOM: J, SCHOOL_ADMIN: ADM },
    identifier: { GUARDIAN: "ANY", SCHOOL_ADMIN: ADM },
    contact: { GUARDIAN: "ANY", HOMEROOM: J, SCHOOL_ADMIN: ADM },
    address: { GUARDIAN: "ANY", HOMEROOM: J, SCHOOL_ADMIN: ADM },
    academic: {
      GUARDIAN: ["JOURNAL", "PARENT_NOTIFICATION"],
      SUBJECT_TEACHER: J,
      SUBSTITUTE: J,
      HOMEROOM: J,
      SCHOOL_ADMIN: J,
      PARTNER: J,
      FORMER_SCHOOL: J,
    },
    sensitive: { GUARDIAN: "ANY", HOMEROOM: J, SCHOOL_ADMIN: J },
    family: { GUARDIAN: "ANY", SUBJECT_TEACHER: J, HOMEROOM: J, SCHOOL_ADMIN: J_ADM },
    enrolment: { GUARDIAN: "ANY", SUBJECT_TEACHER: J, SUBSTITUTE: J, HOMEROOM: J, SCHOOL_ADMIN: J_ADM, PARTNER: J },
    // A parent gives and reads a minor's consents (DESIGN.md §6: minors act through a legal representative).
    account: { GUARDIAN: "ANY", SCHOOL_ADMIN: ADM },
    // Who changed a mark or an attendance cell, when, from what to what (DESIGN.md §4): the school's
    // administration oversees journal keeping; teachers and parents see the cell as it stands now.
    history: { SCHOOL_ADMIN: J_ADM },
  },
  PARENT: {
    name: { TEACHES_CHILD: J, SCHOOL_ADMIN: ADM },
    contact: { TEACHES_CHILD: J, SCHOOL_ADMIN: ADM },
    identifier: { SCHOOL_ADMIN: ADM },
    address: { SCHOOL_ADMIN: ADM },
    demographic: { SCHOOL_ADMIN: ADM },
    family: { SCHOOL_ADMIN: ADM },
    account: { SCHOOL_ADMIN: ADM },
  },
  STAFF: {
    name: { TEACHES_CALLER: J, COLLEAGUE: J, SCHOOL_ADMIN: "ANY", OFFICIAL: ADM, PARTNER: J },
    enrolment: { TEACHES_CALLER: J, COLLEAGUE: J, SCHOOL_ADMIN: "ANY", OFFICIAL: ADM, PARTNER: J },
    contact: { SCHOOL_ADMIN: ADM, OFFICIAL: ADM },
    identifier: { SCHOOL_ADMIN: ADM, OFFICIAL: ADM },
    demographic: { SCHOOL_ADMIN: ADM, OFFICIAL: ADM },
    address: { SCHOOL_ADMIN: ADM, OFFICIAL: ADM },
    account: { SCHOOL_ADMIN: ADM, OFFICIAL: ADM },
  },
};

/**
 * The data protection officer handling a person's open data request (DPO_HANDLING) may read every category
 * of that person under any purpose the officer may declare (SELF_SERVICE, their default): checking a
 * rectification or an erasure needs the data it is about. Nothing once the request is decided.
 */
function withDpoHandling(matrix: Record<SubjectKind, Rules>): Record<SubjectKind, Rules> {
  const out = {} as Record<SubjectKind, Rules>;
  for (const [kind, rules] of Object.entries(matrix) as Array<[SubjectKind, Rules]>) {
    out[kind] = Object.fromEntries(CATEGORIES.map((category) => [category, { ...rules[category], DPO_HANDLING: "ANY" as const }]));
  }
  return out;
}

export const MATRIX: Record<SubjectKind, Rules> = withDpoHandling(BASE_MATRIX);

export type Decision = { released: true; relationship: Relationship | "DPO_LEGAL" } | { released: false; reason: WithholdReason };

const admits = (allowed: Allowed, caller: Caller): boolean =>
  allowed === "ANY" ? ROLE_PURPOSES[caller.role].includes(caller.purpose) : allowed.includes(caller.purpose);

/**
 * Decides one release. `fieldPurposes` are the purposes the field is lawful for; the data protection
 * officer under LEGAL_REQUEST (checked at the door to carry a legal basis) overrides them.
 */
export function decide(caller: Caller, subject: DataSubject, category: Category, fieldPurposes: readonly Purpose[]): Decision {
  if (caller.role === "DATA_PROTECTION_OFFICER" && caller.purpose === "LEGAL_REQUEST" && caller.legalBasis) {
    return { released: true, relationship: "DPO_LEGAL" };
  }
  const relationships = relationshipsOf(caller, subject);
  if (relationships.length === 0) return { released: false, reason: "NO_RELATIONSHIP" };
  // Everyone reads their own data, whatever purpose their role declared (an official's default is REPORTING).
  if (relationships.includes("SELF")) return { released: true, relationship: "SELF" };
  if (!fieldPurposes.includes(caller.purpose)) return { released: false, reason: "PURPOSE_NOT_ALLOWED" };
  let ruleExists = false;
  for (const relationship of relationships) {
    const allowed = MATRIX[subject.kind][category]?.[relationship];
    if (!allowed) continue;
    ruleExists = true;
    if (admits(allowed, caller)) return { released: true, relationship };
  }
  return { released: false, reason: ruleExists ? "PURPOSE_NOT_ALLOWED" : "ROLE_NOT_ALLOWED" };
}

/**
 * Whether a block of the field (a granted blocking request) withholds a release the matrix allowed: from
 * everyone but the data protection officer under LEGAL_REQUEST and the subject themself, who keeps seeing
 * their own data (a block stops processing by others; it does not hide a person's data from that person).
 * A parent is "everyone" here: a block filed for a child withholds the field from the parent too.
 */
export const blockApplies = (decision: Decision): boolean =>
  decision.released && decision.relationship !== "SELF" && decision.relationship !== "DPO_LEGAL";

/** The data protection officer under a legal request with its basis: the one caller who relates to everyone. */
export const canReachAnyone = (caller: Caller): boolean =>
  caller.role === "DATA_PROTECTION_OFFICER" && caller.purpose === "LEGAL_REQUEST" && !!caller.legalBasis;

/** Whether the caller stands in any relationship to the subject at all (object-level reachability). */
export function canReach(caller: Caller, subject: DataSubject): boolean {
  if (canReachAnyone(caller)) return true;
  return relationshipsOf(caller, subject).length > 0;
}
