/**
 * The terms marks are kept by: four quarters, or for grades 10–11 two half-years (the first two quarters
 * and the last two). Everything in the journal that needs a term asks here, so pointing this file at the
 * journal's own academic calendar is the only change when that calendar arrives.
 *
 * Backed for now by the shipped official calendars.
 */
import { academicYearOf } from "../../../shared/days.js";
import { QUARTERS_BY_YEAR as OFFICIAL_QUARTERS } from "./academic-calendar.js";

export type TermKind = "QUARTER" | "HALF_YEAR";

export interface Term {
  kind: TermKind;
  /** 1..4 for quarters, 1..2 for half-years. */
  number: number;
  /** The calendar year the academic year starts in (2026 for 2026/2027). */
  academicYear: number;
  startsOn: string;
  endsOn: string;
}

interface QuarterDates {
  number: number;
  startsOn: string;
  endsOn: string;
}

/** Quarters by academic year: the one source this file reads. */
const QUARTERS_BY_YEAR: ReadonlyMap<number, readonly QuarterDates[]> = new Map(
  Object.entries(OFFICIAL_QUARTERS).map(([year, quarters]) => [Number(year), quarters]),
);

/** Grades 10 and 11 are marked by half-year. */
export const termKindFor = (gradeLevel: number): TermKind => (gradeLevel >= 10 ? "HALF_YEAR" : "QUARTER");

export { academicYearOf };

/** The terms of one academic year for a class of `gradeLevel`, in order; empty when the calendar does not know the year. */
export function termsOfYear(gradeLevel: number, academicYear: number): Term[] {
  const quarters = QUARTERS_BY_YEAR.get(academicYear);
  if (!quarters || quarters.length === 0) return [];
  if (termKindFor(gradeLevel) === "QUARTER") {
    return quarters.map((q) => ({ kind: "QUARTER", number: q.number, academicYear, startsOn: q.startsOn, endsOn: q.endsOn }));
  }
  const half = Math.ceil(quarters.length / 2);
  return [quarters.slice(0, half), quarters.slice(half)].map((qs, i) => ({
    kind: "HALF_YEAR",
    number: i + 1,
    academicYear,
    startsOn: qs[0]!.startsOn,
    endsOn: qs[qs.length - 1]!.endsOn,
  }));
}

/** Term `number` of the academic year, if there is one. */
export const termNumbered = (gradeLevel: number, academicYear: number, number: number): Term | undefined =>
  termsOfYear(gradeLevel, academicYear).find((t) => t.number === number);

/** The term containing `date`, if it falls inside one (not in a break between terms). */
export const termOf = (gradeLevel: number, date: string): Term | undefined =>
  termsOfYear(gradeLevel, academicYearOf(date)).find((t) => t.startsOn <= date && date <= t.endsOn);

/**
 * The term a date's records belong to for locking: the term containing it, or in a break the term just
 * ended. Undefined for a date before every term the calendar knows.
 */
export function governingTerm(gradeLevel: number, date: string): Term | undefined {
  const years = [...QUARTERS_BY_YEAR.keys()].filter((y) => y <= academicYearOf(date)).sort((a, b) => a - b);
  const started = years.flatMap((y) => termsOfYear(gradeLevel, y)).filter((t) => t.startsOn <= date);
  return started[started.length - 1];
}

/** A stable key of one term, for storing one term mark per student, subject and term. */
export const termKey = (term: Term): string => `${term.academicYear}-${term.kind === "QUARTER" ? "Q" : "H"}${term.number}`;

/** The key of the annual mark of an academic year. */
export const annualKey = (academicYear: number): string => `${academicYear}-Y`;
