/**
 * Calendar rules that need no database: which kind of term a grade keeps, the school week (Monday to
 * Saturday, the six-day week Uzbek schools keep), weekdays and weeks of "YYYY-MM-DD" days.
 */
import { addDays } from "../../../shared/days.js";

export const TERM_KINDS = ["QUARTER", "HALF_YEAR"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export const BREAK_KINDS = ["HOLIDAY", "VACATION"] as const;
export type BreakKind = (typeof BREAK_KINDS)[number];

/** ISO weekdays of the school week: Monday 1 … Saturday 6. */
export const SCHOOL_WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;
export const WEEKDAY_NAMES = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** Lessons of a day are numbered 1..MAX_PERIOD. */
export const MAX_PERIOD = 8;

/** Grades 10–11 are marked by halves of the year, the others by quarters (DESIGN.md §4). */
export const termKindFor = (gradeLevel: number): TermKind => (gradeLevel >= 10 ? "HALF_YEAR" : "QUARTER");

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export const weekdayName = (weekday: number): WeekdayName => WEEKDAY_NAMES[weekday - 1]!;
export const weekdayNumber = (name: WeekdayName): number => WEEKDAY_NAMES.indexOf(name) + 1;

/** The Monday of the week `date` falls in. */
export const mondayOf = (date: string): string => addDays(date, 1 - weekdayOf(date));

/** Monday to Saturday of the week `date` falls in. */
export const schoolWeekOf = (date: string): string[] => SCHOOL_WEEKDAYS.map((d) => addDays(mondayOf(date), d - 1));

/** A span of days, both ends included. */
export interface DaySpan {
  startsOn: string;
  endsOn: string;
}

export const covers = (span: DaySpan, date: string): boolean => span.startsOn <= date && date <= span.endsOn;
export const overlaps = (a: DaySpan, b: DaySpan): boolean => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

export { academicYearOf } from "../../../shared/days.js";
