/**
 * Which personal fields a data request may name, and how a rectified value is checked. Rectification
 * changes what the users subgraph holds about a person (their profile); blocking and erasure may name any
 * personal field of the supergraph (a test keeps PERSONAL_FIELDS equal to the @personalData of the
 * composed schema, so a new personal field cannot be left out).
 */
import { BadUserInputError } from "../../../shared/errors.js";
import { isIsoDate } from "../../../shared/scalars.js";
import type { User } from "../entities/index.js";
import { now } from "../../../shared/clock.js";

/** Every personal field of a data subject in the supergraph: fields of User, personal row types and their fields. */
export const PERSONAL_FIELDS = [
  "User.fullName",
  "User.login",
  "User.role",
  "User.locale",
  "User.birthDate",
  "User.phone",
  "User.email",
  "User.pinfl",
  "User.children",
  "User.guardians",
  "User.school",
  "User.schoolClass",
  "User.grades",
  "User.attendance",
  "User.notifications",
  "User.consents",
  "Grade",
  "AttendanceMark",
  "AttendanceMark.reason",
  "Grade.history",
  "AttendanceMark.history",
  "JournalChange",
  "JournalChange.oldNote",
  "JournalChange.newNote",
  "TermMarkSuggestion",
  "ParentMessage",
  "Notification",
  "NotificationPreferences",
  "Consent",
] as const;

/** The profile columns of User a rectification may change (address and gender are held but not in the API yet). */
export const RECTIFIABLE = {
  "User.fullName": "fullName",
  "User.birthDate": "birthDate",
  "User.phone": "phone",
  "User.email": "email",
  "User.pinfl": "pinfl",
  "User.address": "address",
  "User.gender": "gender",
} as const satisfies Record<string, keyof User>;
export type RectifiableField = keyof typeof RECTIFIABLE;

/** Fields whose values other subgraphs hold copies of (the notifications subgraph's contact replica). */
export const CONTACT_FIELDS: readonly RectifiableField[] = ["User.phone", "User.email"];

export const isPersonalField = (name: string): boolean => (PERSONAL_FIELDS as readonly string[]).includes(name);
export const isRectifiable = (name: string): name is RectifiableField => Object.hasOwn(RECTIFIABLE, name);

const PHONE_RE = /^\+998\d{9}$/;
/** One @, no spaces, a dot in the domain: the shape, not deliverability. */
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PINFL_RE = /^\d{14}$/;

/**
 * Checks and normalises a new value the way the field is written: an Uzbek mobile number as +998 and nine
 * digits (spaces, dashes and brackets dropped), an e-mail address, a 14-digit PINFL, a past calendar date.
 * `input` names the argument in the error.
 */
export function normaliseValue(field: RectifiableField, raw: string, input: string): string {
  const value = raw.trim();
  const bad = (detail: string): never => {
    throw new BadUserInputError(input, `${field}: ${detail}`);
  };
  switch (field) {
    case "User.phone": {
      const compact = value.replace(/[\s()-]/g, "");
      return PHONE_RE.test(compact) ? compact : bad("expected a phone number as +998 and nine digits");
    }
    case "User.email":
      return value.length <= 200 && EMAIL_RE.test(value) ? value.toLowerCase() : bad("expected an e-mail address");
    case "User.pinfl":
      return PINFL_RE.test(value) ? value : bad("expected the 14 digits of a PINFL");
    case "User.birthDate":
      if (!isIsoDate(value)) return bad("expected a calendar date as YYYY-MM-DD");
      return value > "1900-01-01" && value <= now().toISOString().slice(0, 10) ? value : bad("not a plausible birth date");
    case "User.gender":
      return value === "M" || value === "F" ? value : bad('expected "M" or "F"');
    case "User.fullName":
      return value.length >= 3 && value.length <= 200 && value.includes(" ") ? value : bad("expected family and given name");
    case "User.address":
      return value.length >= 5 && value.length <= 300 ? value : bad("expected an address of 5 to 300 characters");
  }
}
