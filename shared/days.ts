/**
 * Tashkent time, in one place: calendar-day arithmetic on "YYYY-MM-DD" strings (the contract's Date),
 * wall-clock hours and the school year a day belongs to. The schools keep UTC+5 all year (no daylight
 * saving), so Tashkent time is a fixed offset from UTC. "Now" comes from the clock module.
 */
import { now as clockNow } from "./clock.js";

const TASHKENT_OFFSET_HOURS = 5;
const TASHKENT_OFFSET_MS = TASHKENT_OFFSET_HOURS * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day in Tashkent at the instant `now`. */
export const tashkentDay = (now: Date = clockNow()): string => new Date(now.getTime() + TASHKENT_OFFSET_MS).toISOString().slice(0, 10);

/** The first instant of a Tashkent calendar day. */
export const startOfTashkentDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - TASHKENT_OFFSET_MS);

/** `day` moved by `days` (negative: back). */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The instant of a Tashkent wall-clock time on a day (minutes past 59 carry into the next hour). */
export const tashkentInstant = (day: string, hour: number, minute = 0): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) + ((hour - TASHKENT_OFFSET_HOURS) * 60 + minute) * 60_000);

/** Minutes after Tashkent midnight (0–1439) at the instant `at`. */
export const tashkentMinute = (at: Date): number => {
  const minutes = Math.floor((at.getTime() + TASHKENT_OFFSET_MS) / 60_000) % 1440;
  return minutes < 0 ? minutes + 1440 : minutes;
};

/**
 * The school year a day belongs to, named by the calendar year it starts in: 1 September 2026 to
 * 31 August 2027 is 2026 (the year "2026/2027"). The summer holiday belongs to the year that just ended.
 */
export const academicYearOf = (day: string): number => Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) < 9 ? 1 : 0);
