/**
 * Term locks (DESIGN.md §4: past quarters lock; edits after the lock need the school admin). A term stays
 * open to its teachers for LOCK_DAYS_AFTER_TERM days after its last day, so marks given in the last week
 * can still be corrected; from the next day on only the school's administration may change it. A school
 * year its school has closed (the rollover) is final for everyone.
 */
import { addDays } from "../../../shared/days.js";
import { ForbiddenError } from "../../../shared/errors.js";
import type { Term } from "./school-calendar.js";

/** The first day on which the term is locked. */
export const lockedFrom = (term: Term, lockDays: number): string => addDays(term.endsOn, lockDays + 1);

export interface LockState {
  /** The term the records belong to; undefined for a date before every known term (always locked). */
  term?: Term;
  locked: boolean;
  lockedFrom?: string;
  /** The school has closed the term's school year: nobody may change it any more. */
  closed?: boolean;
}

/** Whether records of `term` (the governing term of their date; undefined before the calendar) are locked on `today`. */
export function lockState(term: Term | undefined, today: string, lockDays: number, closed = false): LockState {
  if (!term) return { locked: true };
  const from = lockedFrom(term, lockDays);
  return { term, locked: closed || today >= from, lockedFrom: from, closed };
}

const TERM_NAMES = { QUARTER: "quarter", HALF_YEAR: "half-year" } as const;

/** What a caller is told when a change is refused because the term is locked or its year closed. */
export function lockedError(state: LockState): ForbiddenError {
  if (!state.term)
    return new ForbiddenError("This date lies before the journal's calendar: only the school's administration may change it");
  const { term } = state;
  if (state.closed)
    return new ForbiddenError(`The school year ${term.year}/${term.year + 1} is closed: its journal is final and can only be read`);
  return new ForbiddenError(
    `Term ${term.number} (${TERM_NAMES[term.kind]} ${term.startsOn}..${term.endsOn}) is locked since ${state.lockedFrom}: ` +
      "only the school's administration may change its marks and attendance now",
  );
}
