/**
 * Calendar-day arithmetic on "YYYY-MM-DD" strings (the contract's Date). Days are Tashkent's: the
 * schools keep UTC+5 all year, so "today" is a fixed offset from UTC.
 */
import { now as clockNow } from "./clock.js";
const TASHKENT_OFFSET_MS = 5 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day in Tashkent at the instant `now`. */
export const tashkentDay = (now: Date = clockNow()): string => new Date(now.getTime() + TASHKENT_OFFSET_MS).toISOString().slice(0, 10);

/** The first instant of a Tashkent calendar day. */
export const startOfTashkentDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - TASHKENT_OFFSET_MS);

/** `day` moved by `days` (negative: back). */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
