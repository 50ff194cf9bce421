/**
 * Integration partners as the shared enforcement sees them. A partner's token (issued by the users
 * subgraph for a client id and secret) carries the role INTEGRATION_PARTNER, the client's purposes, its org
 * scope and its rate. What that lets it do, and no more (least privilege):
 * - reports (purpose REPORTING) over its scope, by the same rule as officials and school admins
 *   (report-scope.ts): a school partner its school, a district or region partner its territory, a ministry
 *   partner the country;
 * - people (purpose JOURNAL, school scope only): the students and staff of its own school, under the PARTNER
 *   relationship of the matrix (policy.ts): names, enrolment, marks and attendance; never contacts,
 *   identifiers, birth dates, family links or the sensitive category, and nobody of another school;
 * - nothing else: no mutation (enforce.ts refuses them all), no role check written for a person's role.
 */
import type { AccessClaims, Caller } from "./claims.js";
import type { Purpose, Role } from "./roles.js";
import type { DataSubject } from "./subject.js";

export const PARTNER_ROLE = "INTEGRATION_PARTNER" satisfies Role;

/** How far a partner's scope reaches: the whole country, or one region, district or school. */
export const PARTNER_LEVELS = ["MINISTRY", "REGION", "DISTRICT", "SCHOOL"] as const;
export type PartnerLevel = (typeof PARTNER_LEVELS)[number];

/**
 * The purposes a client of each scope may be given. Personal data (JOURNAL) only to a school's own
 * integration: wider scopes are for analysts, who see aggregates like the officials they work for.
 */
export const PARTNER_LEVEL_PURPOSES: Record<PartnerLevel, readonly Purpose[]> = {
  MINISTRY: ["REPORTING"],
  REGION: ["REPORTING"],
  DISTRICT: ["REPORTING"],
  SCHOOL: ["REPORTING", "JOURNAL"],
};

const ORG_FIELD = { REGION: "regionId", DISTRICT: "districtId", SCHOOL: "schoolId" } as const;

export const isPartner = (claims: Pick<AccessClaims, "role">): boolean => claims.role === PARTNER_ROLE;

/** The token's `org` for a scope: the one unit's id (nothing for the country). */
export function partnerOrg(level: PartnerLevel, unitId: string | null | undefined): AccessClaims["org"] {
  return level === "MINISTRY" || !unitId ? {} : { [ORG_FIELD[level]]: unitId };
}

/** The scope a partner token's `org` stands for: its narrowest unit, the country when it names none. */
export function partnerLevelOf(org: AccessClaims["org"]): PartnerLevel {
  if (org.schoolId) return "SCHOOL";
  if (org.districtId) return "DISTRICT";
  if (org.regionId) return "REGION";
  return "MINISTRY";
}

/**
 * Whether a partner relates to a person (the PARTNER relationship): a school partner, while it declares
 * JOURNAL, to the students and staff of its school. Parents never: a school's integration has no business
 * with them. Under REPORTING no partner relates to anyone, so a person asked for directly is FORBIDDEN.
 */
export function partnerRelatesTo(caller: Caller, subject: DataSubject): boolean {
  const schoolId = caller.org.schoolId;
  if (!isPartner(caller) || caller.purpose !== "JOURNAL" || !schoolId) return false;
  return (subject.kind === "STUDENT" || subject.kind === "STAFF") && subject.schoolIds.includes(schoolId);
}
