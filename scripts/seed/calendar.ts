/**
 * The school year a seeded world lives in, chosen from the day it is seeded: the year with a school day
 * behind it by then, so the demo always has a current (or, in a holiday, a last) quarter with past lessons. In
 * the summer holiday that is the year just ended, and the next year's calendar is written too.
 *
 * A year's calendar is the journal's official one when the code ships it; for any other year the seed,
 * standing in for the Ministry, writes a provisional calendar of the usual shape (the dates of the latest
 * shipped year moved to that year, without the moving holidays, which only the Ministry can set). Lesson
 * times are Tashkent's (shared/days.ts).
 */
import { academicYearOf, addDays, tashkentDay } from "../../shared/days.js";
import { calendarRows, type BreakRow, type TermRow } from "../../subgraphs/journal/calendar/calendar-rows.js";
import { OFFICIAL_CALENDARS, type OfficialCalendar } from "../../subgraphs/journal/calendar/official-calendars.js";
import { covers } from "../../subgraphs/journal/calendar/school-days.js";

export { addDays };
export { tashkentInstant } from "../../shared/days.js";

export interface Quarter {
  number: number;
  startsOn: string;
  endsOn: string;
}

/** One school year as the seed uses it. */
export interface SeedYear {
  /** The calendar year the school year starts in (2026 for 2026/2027). */
  year: number;
  calendar: OfficialCalendar;
  /** True when no official calendar was shipped for the year and the seed made one. */
  provisional: boolean;
  rows: { terms: TermRow[]; breaks: BreakRow[] };
  quarters: readonly Quarter[];
  /** First day of classes; enrolments and memberships of the seeded year start here. */
  startsOn: string;
  /** Last day of the last term. */
  endsOn: string;
}

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

/** A date moved by whole years, keeping month and day (29 February becomes 28 February). */
function shiftYears(date: string, years: number): string {
  const moved = `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
  return fromUtc(toUtc(moved)) === moved ? moved : `${moved.slice(0, 8)}28`;
}

/** Fixed-date public holidays keep their day every year; the moving ones (by the lunar calendar) do not. */
const FIXED_HOLIDAYS = new Set(["01-01", "03-08", "03-21", "05-09", "09-01", "10-01", "12-08"]);

/** The usual shape of a school year, made from the latest shipped calendar before `year` (or the first one). */
function provisionalCalendar(year: number): OfficialCalendar {
  const shipped = [...OFFICIAL_CALENDARS.keys()].sort((a, b) => a - b);
  const base = OFFICIAL_CALENDARS.get(shipped.filter((y) => y < year).pop() ?? shipped[0]!)!;
  const by = year - base.year;
  return {
    year,
    terms: base.terms.map((t) => ({ ...t, startsOn: shiftYears(t.startsOn, by), endsOn: shiftYears(t.endsOn, by) })),
    breaks: base.breaks
      .filter((b) => b.kind === "VACATION" || FIXED_HOLIDAYS.has(b.startsOn.slice(5)))
      .map((b) => ({ ...b, startsOn: shiftYears(b.startsOn, by), endsOn: shiftYears(b.endsOn, by) })),
  };
}

/** The seed's view of school year `year`: official when shipped, provisional otherwise. */
export function seedYear(year: number): SeedYear {
  const official = OFFICIAL_CALENDARS.get(year);
  const calendar = official ?? provisionalCalendar(year);
  const quarters = calendar.terms
    .filter((t) => t.kind === "QUARTER")
    .map((t) => ({ number: t.number, startsOn: t.startsOn, endsOn: t.endsOn }))
    .sort((a, b) => a.number - b.number);
  return {
    year,
    calendar,
    provisional: !official,
    rows: calendarRows(calendar),
    quarters,
    startsOn: quarters[0]!.startsOn,
    endsOn: quarters[quarters.length - 1]!.endsOn,
  };
}

/**
 * The school year a world seeded on `today` lives in, and every calendar to write: that year's, and in the
 * summer holiday (after its last term) the next year's as well.
 */
export function seedYearsAround(today: string): { current: SeedYear; calendars: SeedYear[] } {
  const holding = seedYear(academicYearOf(today));
  // Until a year has a school day behind it (1 September, its first day) the last one is still "current".
  const begun = holding.startsOn < today && schoolDays(holding, holding.startsOn, addDays(today, -1)).length > 0;
  const current = begun ? holding : seedYear(holding.year - 1);
  const calendars = today > current.endsOn ? [current, seedYear(current.year + 1)] : [current];
  return { current, calendars };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekday(date: string): number {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Monday to Saturday, on no holiday and in no vacation of the year's calendar. */
export const isSchoolDay = (year: SeedYear, date: string): boolean =>
  weekday(date) <= 6 && !year.calendar.breaks.some((b) => covers(b, date));

/** School days of the year from `from` to `to`, both included. */
export function schoolDays(year: SeedYear, from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isSchoolDay(year, day)) days.push(day);
  return days;
}

/** Today's date in Tashkent, by the clock. */
export const tashkentToday = (): string => tashkentDay();

/** The quarter containing `today`, else the latest one started (between quarters), else the first. */
export function currentQuarter(year: SeedYear, today: string): Quarter {
  const started = year.quarters.filter((q) => q.startsOn <= today);
  return started[started.length - 1] ?? year.quarters[0]!;
}

/**
 * The days that get lessons: every school day of the current quarter. When the current quarter has
 * barely begun (fewer than five school days behind us) the previous quarter is added too, so a
 * demo started on the first days of a quarter still shows past lessons with marks.
 */
export function lessonDays(year: SeedYear, today: string): { quarter: Quarter; days: string[] } {
  const quarter = currentQuarter(year, today);
  const days = schoolDays(year, quarter.startsOn, quarter.endsOn);
  const previous = year.quarters[quarter.number - 2];
  if (previous && days.filter((d) => d < today).length < 5) {
    return { quarter, days: [...schoolDays(year, previous.startsOn, previous.endsOn), ...days] };
  }
  return { quarter, days };
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value)) && fromUtc(toUtc(value)) === value;
}
