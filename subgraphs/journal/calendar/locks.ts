/**
 * Term locks (DESIGN.md §4: past quarters lock; edits after the lock need the school admin). A term stays
 * open to its teachers for LOCK_DAYS_AFTER_TERM days after its last day, so marks given in the last week
 * can still be corrected; from the next day on only the school's administration may change it.
 */
import { addDays } from "../../../shared/days.js";
import { ForbiddenError } from "../../../shared/errors.js";
import { governingTerm, type Term } from "./terms.js";

/** The first day on which the term is locked. */
export const lockedFrom = (term: Term, lockDays: number): string => addDays(term.endsOn, lockDays + 1);

export interface LockState {
  /** The term the date belongs to; undefined for a date before every known term (always locked). */
  term?: Term;
  locked: boolean;
  lockedFrom?: string;
}

/** Whether records dated `date` of a class of `gradeLevel` are locked on `today`. */
export function lockState(gradeLevel: number, date: string, today: string, lockDays: number): LockState {
  const term = governingTerm(gradeLevel, date);
  if (!term) return { locked: true };
  return lockStateOfTerm(term, today, lockDays);
}

export function lockStateOfTerm(term: Term, today: string, lockDays: number): LockState {
  const from = lockedFrom(term, lockDays);
  return { term, locked: today >= from, lockedFrom: from };
}

const TERM_NAMES = { QUARTER: "quarter", HALF_YEAR: "half-year" } as const;

/** What a teacher is told when a change needs the administration because the term is locked. */
export function lockedError(state: LockState): ForbiddenError {
  if (!state.term)
    return new ForbiddenError("This date lies before the journal's calendar: only the school's administration may change it");
  const { term } = state;
  return new ForbiddenError(
    `Term ${term.number} (${TERM_NAMES[term.kind]} ${term.startsOn}..${term.endsOn}) is locked since ${state.lockedFrom}: ` +
      "only the school's administration may change its marks and attendance now",
  );
}
