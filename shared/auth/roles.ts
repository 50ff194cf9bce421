/** Roles and purposes of the contract, and which purposes each role may declare (DESIGN.md §3). */

/** The roles of people with an account (the contract's Role enum as first written; users.role holds these). */
export const PERSON_ROLES = [
  "MINISTRY_OFFICIAL",
  "REGION_OFFICIAL",
  "DISTRICT_OFFICIAL",
  "SCHOOL_ADMIN",
  "TEACHER",
  "STUDENT",
  "PARENT",
  "DATA_PROTECTION_OFFICER",
] as const;

/**
 * Every role a token may carry: the people's roles, plus INTEGRATION_PARTNER for a partner's client
 * credentials (shared/auth/partners.ts). A role of its own, added to the contract's enum, so that no check
 * written for a person's role (a school admin's, an official's) ever grants a partner anything by accident.
 */
export const ROLES = [...PERSON_ROLES, "INTEGRATION_PARTNER"] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = ["JOURNAL", "PARENT_NOTIFICATION", "REPORTING", "SELF_SERVICE", "ADMINISTRATION", "LEGAL_REQUEST"] as const;
export type Purpose = (typeof PURPOSES)[number];

export const OFFICIAL_ROLES: readonly Role[] = ["MINISTRY_OFFICIAL", "REGION_OFFICIAL", "DISTRICT_OFFICIAL"];
export const STAFF_ROLES: readonly Role[] = [...OFFICIAL_ROLES, "SCHOOL_ADMIN", "TEACHER", "DATA_PROTECTION_OFFICER"];

/** The first purpose of each list is the role's default when no X-Purpose header is sent. */
export const ROLE_PURPOSES: Record<Role, readonly Purpose[]> = {
  MINISTRY_OFFICIAL: ["REPORTING", "ADMINISTRATION", "SELF_SERVICE"],
  REGION_OFFICIAL: ["REPORTING", "ADMINISTRATION", "SELF_SERVICE"],
  DISTRICT_OFFICIAL: ["REPORTING", "ADMINISTRATION", "SELF_SERVICE"],
  SCHOOL_ADMIN: ["ADMINISTRATION", "JOURNAL", "REPORTING", "SELF_SERVICE"],
  TEACHER: ["JOURNAL", "PARENT_NOTIFICATION", "SELF_SERVICE"],
  STUDENT: ["JOURNAL", "SELF_SERVICE"],
  PARENT: ["JOURNAL", "PARENT_NOTIFICATION", "SELF_SERVICE"],
  DATA_PROTECTION_OFFICER: ["SELF_SERVICE", "LEGAL_REQUEST"],
  // The most any partner may hold; each client's own list (its token's `purposes`) is narrower still.
  INTEGRATION_PARTNER: ["REPORTING", "JOURNAL"],
};

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
export const isPurpose = (value: unknown): value is Purpose => PURPOSES.includes(value as Purpose);
