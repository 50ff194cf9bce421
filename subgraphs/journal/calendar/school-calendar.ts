/**
 * Terms as the journal's rules ask for them: the term of a day for a grade, the terms of a year, the term a
 * day's records are locked with. Everything here reads the calendar tables (through `loadSchoolCalendar`,
 * once per request: `ctx.loaders.calendar()`); nothing else in the journal knows a term's dates.
 */
import type { EntityManager } from "@mikro-orm/core";
import { BadUserInputError } from "../../../shared/errors.js";
import { AcademicTerm } from "../entities/index.js";
import { ensureShippedYears } from "./calendar-store.js";
import { academicYearOf, termKindFor } from "./school-days.js";

/** One quarter or half-year, as the tables hold it. */
export type Term = Pick<AcademicTerm, "id" | "year" | "kind" | "number" | "startsOn" | "endsOn">;

/** A stable key of one term, for storing one term mark per student, subject and term. */
export const termKey = (term: Term): string => `${term.year}-${term.kind === "QUARTER" ? "Q" : "H"}${term.number}`;

/** The key of the annual mark of a school year. */
export const annualKey = (year: number): string => `${year}-Y`;

/** Every term of every school year, oldest first; a few rows a year, so one read serves a whole request. */
export class SchoolCalendar {
  private readonly terms: readonly Term[];

  constructor(terms: readonly Term[]) {
    this.terms = [...terms].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.kind < b.kind ? -1 : 1));
  }

  /** The terms a class of `gradeLevel` keeps in school year `year`, in order; empty for a year without a calendar. */
  termsOfYear(gradeLevel: number, year: number): Term[] {
    const kind = termKindFor(gradeLevel);
    return this.terms.filter((t) => t.year === year && t.kind === kind).sort((a, b) => a.number - b.number);
  }

  /** Term `number` of a year, if there is one. */
  termNumbered(gradeLevel: number, year: number, number: number): Term | undefined {
    return this.termsOfYear(gradeLevel, year).find((t) => t.number === number);
  }

  /** The term containing `date` (none in a vacation between terms or outside every known year). */
  termOf(gradeLevel: number, date: string): Term | undefined {
    const kind = termKindFor(gradeLevel);
    return this.terms.find((t) => t.kind === kind && t.startsOn <= date && date <= t.endsOn);
  }

  /**
   * The term a date's records belong to for locking: the term containing it, or in a break the term just
   * ended. Undefined for a date before every term the calendar knows.
   */
  governingTerm(gradeLevel: number, date: string): Term | undefined {
    const kind = termKindFor(gradeLevel);
    return this.terms.filter((t) => t.kind === kind && t.startsOn <= date).pop();
  }

  /** The school year whose terms `today` is in or has last left (the summer belongs to the year just ended). */
  currentYear(today: string): number {
    return this.terms.filter((t) => t.startsOn <= today).pop()?.year ?? academicYearOf(today);
  }

  /**
   * The days of quarter `number` of the school year `from` falls in, within from..to. A client asks for
   * "the second quarter" with the year's bounds as from and to; the range stays an upper bound.
   */
  quarterWithin(number: number, from: string, to: string): { from: string; to: string } {
    const year = academicYearOf(from);
    const quarters = this.termsOfYear(1, year);
    if (quarters.length === 0) throw new BadUserInputError("quarter", `no calendar for the school year ${year}/${year + 1}`);
    const quarter = quarters.find((q) => q.number === number);
    if (!quarter) throw new BadUserInputError("quarter", `a quarter is 1 to ${quarters.length}, got ${number}`);
    const start = quarter.startsOn > from ? quarter.startsOn : from;
    const end = quarter.endsOn < to ? quarter.endsOn : to;
    if (start > end) {
      throw new BadUserInputError("quarter", `quarter ${number} (${quarter.startsOn}..${quarter.endsOn}) lies outside ${from}..${to}`);
    }
    return { from: start, to: end };
  }
}

/** Reads every term from the tables (writing the shipped years a database does not hold yet): one statement. */
export async function loadSchoolCalendar(em: EntityManager): Promise<SchoolCalendar> {
  await ensureShippedYears(em);
  const rows = await em.find(AcademicTerm, {}, { orderBy: { startsOn: "asc" } });
  return new SchoolCalendar(rows);
}
