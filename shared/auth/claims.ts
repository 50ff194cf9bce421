import type { Locale } from "../i18n/locale.js";
import type { Purpose, Role } from "./roles.js";

/**
 * What an access token says about its holder. Computed by the users subgraph at sign-in from data it
 * owns or replicates, so that every subgraph can decide relationships without calling another one.
 */
export interface AccessClaims {
  sub: string;
  role: Role;
  locale: Locale;
  /** The territory or school the person belongs to; officials have only the levels above a school. */
  org: { regionId?: string; districtId?: string; schoolId?: string };
  /** Teacher: classes taught and homeroom class; student: own class. */
  classes: string[];
  /** Teacher: [classId, subjectId] pairs of their teaching assignments. */
  teaching: Array<[string, string]>;
  /** Teacher: the classes they are homeroom teacher of. */
  homeroom: string[];
  /** Parent: the students they are legal representative of, and those students' classes. */
  children: string[];
  childClasses: string[];
  purposes: Purpose[];
  /** Refresh-token family this access token was issued under; for a partner, its client id (see partners.ts). */
  sid?: string;
  /** The claims generation of `sub` these claims were computed at (claims-generation.ts); absent: 0. */
  gen?: number;
  /** Integration partners only: the client's allowance in requests per minute, applied by the gateway. */
  rate?: number;
}

/** The authenticated caller of one request, plus what they declared for it. */
export interface Caller extends AccessClaims {
  purpose: Purpose;
  /** LEGAL_REQUEST only: the law or order the read rests on, who receives the data, and whether the law forbids telling the subject. */
  legalBasis?: string;
  legalRecipient?: string;
  legalRestricted?: boolean;
}
