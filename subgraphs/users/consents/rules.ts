/**
 * Who may give or withdraw whose consent (DESIGN.md §6: minors act with the consent of a legal
 * representative). An adult acts for themself; a student under 18 never does, their guardian does.
 * Operation permissions, like recording marks: the Consent rows themselves are released by @personalData.
 */
import { BadUserInputError, ForbiddenError } from "../../../shared/errors.js";
import type { ConsentKind, ConsentRelation, Guardianship, User } from "../entities/index.js";
import { tashkentDay } from "../../../shared/days.js";

export const ADULT_AGE = 18;

/** Without these the account is not processed at all: sign-in is refused while one stays withdrawn. */
export const ACCOUNT_CONSENTS: readonly ConsentKind[] = ["USER_AGREEMENT", "PRIVACY_POLICY"];

/** Whole years from `birthDate` to `today`, both YYYY-MM-DD. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** A student under 18, or one whose birth date is unknown (the safe side: their guardian acts). */
export function isMinor(person: Pick<User, "role" | "birthDate">, today = tashkentDay()): boolean {
  if (person.role !== "STUDENT") return false;
  return !person.birthDate || ageOn(person.birthDate, today) < ADULT_AGE;
}

/** PARENT_NOTIFICATIONS is a parent's consent to notices about their children; nobody else has it to give. */
export function checkKindFor(subject: Pick<User, "role">, kind: ConsentKind): void {
  if (kind === "PARENT_NOTIFICATIONS" && subject.role !== "PARENT") {
    throw new BadUserInputError("kind", "PARENT_NOTIFICATIONS is a parent's consent to notices about their children");
  }
}

/** The person acting on their own consents: refused for a minor. */
export function selfRelation(subject: Pick<User, "role" | "birthDate">): ConsentRelation {
  if (isMinor(subject)) {
    throw new ForbiddenError("a student under 18 cannot give or withdraw consents; their parent or legal representative does it for them");
  }
  return "SELF";
}

/**
 * How `actorId` stands to `subject` for their consents: SELF, or GUARDIAN of a minor (from the
 * guardianships table, not the token, so a guardianship ended since sign-in no longer counts).
 */
export function actingRelation(actorId: string, subject: User, guardiansOfSubject: readonly Guardianship[]): ConsentRelation {
  if (actorId === subject.id) return selfRelation(subject);
  if (!guardiansOfSubject.some((g) => g.parentId === actorId)) {
    throw new ForbiddenError("consents are given by the person themself, or for a minor by their parent or legal representative");
  }
  if (!isMinor(subject)) throw new ForbiddenError("the student is of age (18) and gives or withdraws their own consents");
  return "GUARDIAN";
}
