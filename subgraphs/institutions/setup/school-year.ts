/**
 * A school year as institutions knows it: academic year Y runs from 1 September Y to 31 August Y+1
 * (the summer belongs to the year that ends, so every day falls in exactly one year). The journal's
 * calendar holds the terms and holidays inside it; enrolments and assignments only need the bounds.
 */
import { BadUserInputError } from "../../../shared/errors.js";
import { isIsoDate } from "../../../shared/scalars.js";

export const schoolYearBounds = (year: number): { from: string; to: string } => ({ from: `${year}-09-01`, to: `${year + 1}-08-31` });

/** The academic year a day belongs to. */
export const schoolYearOf = (day: string): number => {
  const year = Number(day.slice(0, 4));
  return day.slice(5) >= "09-01" ? year : year - 1;
};

/** Refuses a day outside the given school year (inclusive bounds). */
export function assertInSchoolYear(day: string, year: number, field: string): void {
  if (!isIsoDate(day)) throw new BadUserInputError(field, "not a date (YYYY-MM-DD)");
  const { from, to } = schoolYearBounds(year);
  if (day < from || day > to)
    throw new BadUserInputError(field, `${day} is outside the school year ${year}/${year + 1} (${from} to ${to})`);
}
