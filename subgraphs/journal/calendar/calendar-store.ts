/**
 * Reading the academic calendar from the journal's tables. A school year the tables do not hold yet but
 * the code ships (official-calendars.ts) is written on first use, so a fresh database (production without
 * the demo seed, a test's subgraph) has its calendar without a separate step.
 */
import type { EntityManager } from "@mikro-orm/core";
import { AcademicTerm, CalendarBreak } from "../entities/index.js";
import { calendarRows } from "./calendar-rows.js";
import { OFFICIAL_CALENDARS } from "./official-calendars.js";
import { academicYearOf, type DaySpan } from "./school-days.js";

/**
 * Years known to be in each database (keyed by its driver, one per ORM): rows of a calendar are never
 * deleted, so once seen a year costs no further statement in this process.
 */
const present = new WeakMap<object, Set<number>>();

/** Writes the shipped calendar of `year` when the tables hold no term of it; a concurrent writer wins quietly. */
async function ensureYear(em: EntityManager, year: number): Promise<void> {
  const official = OFFICIAL_CALENDARS.get(year);
  if (!official) return;
  const known = present.get(em.getDriver()) ?? new Set<number>();
  present.set(em.getDriver(), known);
  if (known.has(year)) return;
  if ((await em.count(AcademicTerm, { year })) > 0) {
    known.add(year);
    return;
  }
  const { terms, breaks } = calendarRows(official);
  try {
    // Its own fork and transaction: the caller's unit of work must not carry these rows or their failure.
    await em.fork().transactional(async (tx) => {
      for (const row of terms) tx.persist(tx.create(AcademicTerm, row));
      for (const row of breaks) tx.persist(tx.create(CalendarBreak, row));
    });
  } catch (error) {
    if ((await em.count(AcademicTerm, { year })) === 0) throw error;
  }
  known.add(year);
}

/**
 * Writes the shipped calendar of `year` with `em` itself when the tables hold none of it: for an event
 * handler's transaction, which must not wait on a second connection (ensureYear forks).
 */
export async function ensureYearWithin(em: EntityManager, year: number): Promise<void> {
  const official = OFFICIAL_CALENDARS.get(year);
  if (!official || (await em.count(AcademicTerm, { year })) > 0) return;
  const { terms, breaks } = calendarRows(official);
  await em.insertMany(AcademicTerm, terms);
  await em.insertMany(CalendarBreak, breaks);
}

/** Makes sure every school year touched by `span` is in the tables. */
export async function ensureCalendar(em: EntityManager, span: DaySpan): Promise<void> {
  const first = academicYearOf(span.startsOn);
  const last = academicYearOf(span.endsOn);
  for (let year = first; year <= last; year++) await ensureYear(em, year);
}

/** Makes sure every school year the code ships is in the tables (after the first call: no statement). */
export async function ensureShippedYears(em: EntityManager): Promise<void> {
  for (const year of OFFICIAL_CALENDARS.keys()) await ensureYear(em, year);
}

/** A term by id (every shipped school year is made sure of first: an id does not say its year). */
export async function findTerm(em: EntityManager, id: string): Promise<AcademicTerm | null> {
  await ensureShippedYears(em);
  return em.findOne(AcademicTerm, { id });
}

export interface YearCalendar {
  year: number;
  terms: AcademicTerm[];
  breaks: CalendarBreak[];
}

/** One school year's terms and breaks, oldest first; null when no calendar exists for it. */
export async function calendarOfYear(em: EntityManager, year: number): Promise<YearCalendar | null> {
  await ensureYear(em, year);
  const [terms, breaks] = await Promise.all([
    em.find(AcademicTerm, { year }, { orderBy: { kind: "desc", number: "asc" } }),
    em.find(CalendarBreak, { year }, { orderBy: { startsOn: "asc" } }),
  ]);
  return terms.length === 0 ? null : { year, terms, breaks };
}

/** The terms and breaks that touch a span of days (every kind of term). */
export async function calendarOver(em: EntityManager, span: DaySpan): Promise<{ terms: AcademicTerm[]; breaks: CalendarBreak[] }> {
  await ensureCalendar(em, span);
  const touching = { startsOn: { $lte: span.endsOn }, endsOn: { $gte: span.startsOn } };
  const [terms, breaks] = await Promise.all([
    em.find(AcademicTerm, touching, { orderBy: { startsOn: "asc" } }),
    em.find(CalendarBreak, touching, { orderBy: { startsOn: "asc" } }),
  ]);
  return { terms, breaks };
}
