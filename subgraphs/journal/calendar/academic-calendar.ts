/**
 * The quarters of each academic year, as the Ministry sets them. Reports accept a quarter instead of
 * spelling out its dates; the seed draws its lessons from the same table.
 */
import { academicYearOf } from "../../../shared/days.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { OFFICIAL_CALENDARS } from "./official-calendars.js";

export interface Quarter {
  number: 1 | 2 | 3 | 4;
  startsOn: string;
  endsOn: string;
}

/** By the calendar year an academic year starts in (2026 for 2026/2027): the quarters of the official calendars. */
export const QUARTERS_BY_YEAR: Readonly<Record<number, readonly Quarter[]>> = Object.fromEntries(
  [...OFFICIAL_CALENDARS].map(([year, calendar]) => [
    year,
    calendar.terms
      .filter((t) => t.kind === "QUARTER")
      .map((t) => ({ number: t.number as Quarter["number"], startsOn: t.startsOn, endsOn: t.endsOn })),
  ]),
);

export { academicYearOf };

/**
 * The days of quarter `number` of the academic year `from` falls in, within from..to. A client asks
 * for "the second quarter" with the year's bounds as from and to; the range stays an upper bound.
 */
export function quarterWithin(number: number, from: string, to: string): { from: string; to: string } {
  const year = academicYearOf(from);
  const quarters = QUARTERS_BY_YEAR[year];
  if (!quarters) throw new BadUserInputError("quarter", `no quarter calendar for the academic year ${year}/${year + 1}`);
  const quarter = quarters.find((q) => q.number === number);
  if (!quarter) throw new BadUserInputError("quarter", `a quarter is 1, 2, 3 or 4, got ${number}`);
  const start = quarter.startsOn > from ? quarter.startsOn : from;
  const end = quarter.endsOn < to ? quarter.endsOn : to;
  if (start > end) {
    throw new BadUserInputError("quarter", `quarter ${number} (${quarter.startsOn}..${quarter.endsOn}) lies outside ${from}..${to}`);
  }
  return { from: start, to: end };
}
