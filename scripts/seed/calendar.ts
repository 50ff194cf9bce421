/**
 * The academic year 2026/2027 as the seed uses it: quarters and school days (Monday to Saturday, the
 * six-day week most Uzbek schools keep) from the journal's official calendar, which the seed also writes
 * into the journal, and lesson times in Asia/Tashkent (UTC+5, no daylight saving).
 */
import { calendarRows } from "../../subgraphs/journal/calendar/calendar-rows.js";
import { OFFICIAL_CALENDARS } from "../../subgraphs/journal/calendar/official-calendars.js";
import { covers } from "../../subgraphs/journal/calendar/school-days.js";
import { now as clockNow } from "../../shared/clock.js";

export const ACADEMIC_YEAR = 2026;

/** The official calendar of the seeded year, as the journal stores it (terms, holidays, vacations). */
export const SEEDED_CALENDAR = OFFICIAL_CALENDARS.get(ACADEMIC_YEAR)!;
export const SEEDED_CALENDAR_ROWS = calendarRows(SEEDED_CALENDAR);

/** A quarter of the seeded year, as the seed draws its lessons from it. */
export interface Quarter {
  number: 1 | 2 | 3 | 4;
  startsOn: string;
  endsOn: string;
}

export const QUARTERS: readonly Quarter[] = SEEDED_CALENDAR.terms
  .filter((t) => t.kind === "QUARTER")
  .map((t) => ({ number: t.number as Quarter["number"], startsOn: t.startsOn, endsOn: t.endsOn }));

/** First day of classes; enrolments and memberships of the seeded year start here. */
export const YEAR_STARTS_ON = QUARTERS[0]!.startsOn;

const TASHKENT_OFFSET_HOURS = 5;

/** Start of each period, Tashkent time: 45-minute lessons, a longer break after the third. */
export const PERIOD_STARTS: readonly (readonly [number, number])[] = [
  [8, 0],
  [8, 50],
  [9, 40],
  [10, 40],
  [11, 30],
  [12, 20],
];
export const PERIODS_PER_DAY = PERIOD_STARTS.length;
export const LESSON_MINUTES = 45;
export const SCHOOL_WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;

const toUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekday(date: string): number {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Monday to Saturday, on no holiday and in no vacation of the seeded calendar. */
export const isSchoolDay = (date: string): boolean => weekday(date) <= 6 && !SEEDED_CALENDAR.breaks.some((b) => covers(b, date));

/** School days from `from` to `to`, both included. */
export function schoolDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isSchoolDay(day)) days.push(day);
  return days;
}

/** Today's date in Tashkent. */
export function tashkentToday(now: Date = clockNow()): string {
  return fromUtc(now.getTime() + TASHKENT_OFFSET_HOURS * 3_600_000);
}

/** The instant of a Tashkent wall-clock time on a date (minutes may exceed 60; they carry). */
export function tashkentInstant(date: string, hour: number, minute = 0): Date {
  return new Date(toUtc(date) + ((hour - TASHKENT_OFFSET_HOURS) * 60 + minute) * 60_000);
}

/** The quarter containing `today`, else the latest one started (between quarters), else the first. */
export function currentQuarter(today: string): Quarter {
  const started = QUARTERS.filter((q) => q.startsOn <= today);
  return started[started.length - 1] ?? QUARTERS[0]!;
}

/**
 * The days that get lessons: every school day of the current quarter. When the current quarter has
 * barely begun (fewer than five school days behind us) the previous quarter is added too, so a
 * demo started on the first days of a quarter still shows past lessons with marks.
 */
export function lessonDays(today: string): { quarter: Quarter; days: string[] } {
  const quarter = currentQuarter(today);
  const days = schoolDays(quarter.startsOn, quarter.endsOn);
  const previous = QUARTERS[quarter.number - 2];
  if (previous && days.filter((d) => d < today).length < 5) {
    return { quarter, days: [...schoolDays(previous.startsOn, previous.endsOn), ...days] };
  }
  return { quarter, days };
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value)) && fromUtc(toUtc(value)) === value;
}
