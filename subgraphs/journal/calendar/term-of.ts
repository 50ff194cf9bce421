/**
 * The one place the rest of the journal asks "which term is this day in, for this class?": quarter
 * locks, term marks and lesson generation all go through here.
 */
import type { EntityManager } from "@mikro-orm/core";
import { AcademicTerm, ClassPlace } from "../entities/index.js";
import { ensureCalendar } from "./calendar-store.js";
import { termKindFor } from "./school-days.js";

/**
 * The term of the kind a grade keeps (quarter, or half for grades 10–11) that contains `date`, or null
 * in a vacation between terms and outside any known school year.
 */
export async function termOf(em: EntityManager, date: string, gradeLevel: number): Promise<AcademicTerm | null> {
  await ensureCalendar(em, { startsOn: date, endsOn: date });
  return em.findOne(AcademicTerm, { kind: termKindFor(gradeLevel), startsOn: { $lte: date }, endsOn: { $gte: date } });
}

/** `termOf` for a class, by the grade level its replica records; null for a class the journal does not know. */
export async function termOfClass(em: EntityManager, classId: string, date: string): Promise<AcademicTerm | null> {
  const place = await em.findOne(ClassPlace, { classId });
  return place ? termOf(em, date, place.gradeLevel) : null;
}

/**
 * The term a class is in on `date`, else the next one to start (in a vacation), else the last one that
 * ended: what "the current timetable" means on any day.
 */
export async function currentOrNextTerm(em: EntityManager, date: string, gradeLevel: number): Promise<AcademicTerm | null> {
  const kind = termKindFor(gradeLevel);
  await ensureCalendar(em, { startsOn: date, endsOn: date });
  return (
    (await em.findOne(AcademicTerm, { kind, endsOn: { $gte: date } }, { orderBy: { startsOn: "asc" } })) ??
    (await em.findOne(AcademicTerm, { kind }, { orderBy: { endsOn: "desc" } }))
  );
}
