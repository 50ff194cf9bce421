/**
 * A person as the school's administration (or a roster line) describes them, checked field by field. Each
 * problem names its field, so a form and the roster import report the same reasons.
 */
import { tashkentDay } from "../../../shared/days.js";
import { latinToCyrillic } from "../../../shared/i18n/translit.js";
import { isIsoDate } from "../../../shared/scalars.js";
import { pinflProblem } from "./pinfl.js";

export interface PersonFields {
  lastName: string;
  firstName: string;
  patronymic?: string | null;
  /** The full name in Cyrillic when the documents spell it otherwise than the transliteration. */
  fullNameCyrl?: string | null;
  birthDate?: string | null;
  gender?: string | null;
  pinfl?: string | null;
  phone?: string | null;
}

export interface CheckedPerson {
  fullName: string;
  fullNameCyrl: string | null;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  gender: "M" | "F" | null;
  pinfl: string | null;
  phone: string | null;
}

export interface FieldProblem {
  field: keyof PersonFields;
  reason: string;
}

/** Latin letters of Uzbek (with its apostrophe forms), hyphen and space: a name as written in documents. */
const LATIN_NAME = /^[A-Za-zʻʼ‘’'`\- ]{1,80}$/;
const CYRILLIC_NAME = /^[А-Яа-яЁёЎўҚқҒғҲҳ\- ]{1,200}$/;
const OLDEST_YEARS = 120;

const clean = (value?: string | null): string => (value ?? "").trim().replace(/\s+/g, " ");

/** "+998" then 9 digits; spaces, dashes and brackets are dropped first; a bare 9-digit number gets the prefix. */
export function normalisePhone(value: string): string | null {
  const digits = value.replace(/[\s()-]/g, "");
  if (/^\+998\d{9}$/.test(digits)) return digits;
  if (/^998\d{9}$/.test(digits)) return `+${digits}`;
  if (/^\d{9}$/.test(digits)) return `+998${digits}`;
  return null;
}

export function checkPerson(input: PersonFields): { person?: CheckedPerson; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const lastName = clean(input.lastName);
  const firstName = clean(input.firstName);
  const patronymic = clean(input.patronymic);
  for (const [field, value] of [
    ["lastName", lastName],
    ["firstName", firstName],
  ] as const) {
    if (!value) problems.push({ field, reason: "must not be empty" });
    else if (!LATIN_NAME.test(value)) problems.push({ field, reason: "Latin letters only (the Cyrillic spelling goes in fullNameCyrl)" });
  }
  if (patronymic && !LATIN_NAME.test(patronymic)) problems.push({ field: "patronymic", reason: "Latin letters only" });
  const fullNameCyrl = clean(input.fullNameCyrl) || null;
  if (fullNameCyrl && !CYRILLIC_NAME.test(fullNameCyrl)) problems.push({ field: "fullNameCyrl", reason: "Cyrillic letters only" });

  const birthDate = clean(input.birthDate) || null;
  const today = tashkentDay();
  if (birthDate) {
    if (!isIsoDate(birthDate)) problems.push({ field: "birthDate", reason: "not a date (YYYY-MM-DD)" });
    else if (birthDate > today) problems.push({ field: "birthDate", reason: "lies in the future" });
    else if (Number(birthDate.slice(0, 4)) < Number(today.slice(0, 4)) - OLDEST_YEARS)
      problems.push({ field: "birthDate", reason: "too long ago" });
  }
  const genderText = clean(input.gender).toUpperCase();
  const gender = genderText === "" ? null : genderText === "M" || genderText === "F" ? genderText : undefined;
  if (gender === undefined) problems.push({ field: "gender", reason: 'must be "M" or "F"' });

  const pinfl = clean(input.pinfl) || null;
  if (pinfl) {
    const problem = pinflProblem(pinfl, birthDate && isIsoDate(birthDate) ? birthDate : null);
    if (problem) problems.push({ field: "pinfl", reason: problem });
  }
  const phoneText = clean(input.phone);
  const phone = phoneText ? normalisePhone(phoneText) : null;
  if (phoneText && !phone) problems.push({ field: "phone", reason: "must be a number of Uzbekistan, +998 and 9 digits" });

  if (problems.length > 0) return { problems };
  const fullName = [lastName, firstName, patronymic].filter(Boolean).join(" ");
  // Stored only when it differs from what the transliteration gives (User.fullNameCyrl).
  const cyrl = fullNameCyrl && fullNameCyrl !== latinToCyrillic(fullName) ? fullNameCyrl : null;
  return {
    person: { fullName, fullNameCyrl: cyrl, firstName, lastName, birthDate, gender: gender ?? null, pinfl, phone },
    problems,
  };
}
