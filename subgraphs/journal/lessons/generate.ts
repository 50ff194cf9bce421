/**
 * Making a week's lessons from the timetables. Idempotent: a lesson remembers the slot it was planned
 * in, so running again creates nothing for a slot that already produced a lesson, even one since moved
 * or cancelled; a slot another lesson was moved into is left alone.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { addDays } from "../../../shared/days.js";
import { calendarOver } from "../calendar/calendar-store.js";
import { mondayOf, schoolWeekOf } from "../calendar/school-days.js";
import { ClassPlace, Lesson, TimetableEntry, type AcademicTerm, type CalendarBreak } from "../entities/index.js";
import { plannedLessonsOn, slotsByDay, type PlannedLesson } from "./plan.js";

/** Classes handled per statement set and transaction: bounds the `in (…)` lists and the memory a run holds. */
const CLASSES_PER_CHUNK = 200;

export interface GeneratedLessons {
  /** Monday of the (first) week generated. */
  weekStartsOn: string;
  /** The lessons created (empty when the caller asked only for counts). */
  created: Lesson[];
  createdCount: number;
  /** Slots of the timetable that already had their lesson, or whose time another lesson holds. */
  kept: number;
}

export interface GenerateOptions {
  /** Any day of the (first) week. */
  weekOf: string;
  /** Default: every class with a timetable in those weeks. */
  classIds?: readonly string[];
  /** Consecutive weeks from that one; default 1. */
  weeks?: number;
  /** Return the created lessons (default true); a job over every class keeps only the counts. */
  collect?: boolean;
}

interface Calendar {
  days: string[];
  terms: AcademicTerm[];
  breaks: CalendarBreak[];
}

/** Classes with a timetable in any of the terms, without loading their entries. */
async function classesWithTimetable(em: EntityManager, termIds: readonly string[]): Promise<string[]> {
  const rows: Array<{ class_id: string }> = await em
    .getConnection()
    .execute(`select distinct class_id from timetable_entries where term_id in (${termIds.map(() => "?").join(", ")})`, [...termIds]);
  return rows.map((r) => r.class_id).sort();
}

/** The missing lessons of some classes, planned from their timetables and written in one transaction. */
async function generateChunk(em: EntityManager, classIds: readonly string[], cal: Calendar, out: GeneratedLessons, collect: boolean) {
  const span = { $gte: cal.days[0]!, $lte: cal.days[cal.days.length - 1]! };
  const [entries, places, existing] = await Promise.all([
    em.find(TimetableEntry, { classId: { $in: [...classIds] }, termId: { $in: cal.terms.map((t) => t.id) } }),
    em.find(ClassPlace, { classId: { $in: [...classIds] } }),
    em.find(
      Lesson,
      { classId: { $in: [...classIds] }, $or: [{ date: span }, { plannedDate: span }] },
      { fields: ["classId", "date", "period", "plannedDate", "plannedPeriod"] },
    ),
  ]);
  const taken = new Set<string>();
  for (const lesson of existing) {
    taken.add(`${lesson.classId}|${lesson.date}|${lesson.period}`);
    if (lesson.plannedDate) taken.add(`planned|${lesson.classId}|${lesson.plannedDate}|${lesson.plannedPeriod}`);
  }
  const byClass = new Map<string, TimetableEntry[]>();
  for (const entry of entries) {
    const list = byClass.get(entry.classId) ?? [];
    list.push(entry);
    byClass.set(entry.classId, list);
  }

  const fresh: PlannedLesson[] = [];
  for (const place of places) {
    const timetable = slotsByDay(byClass.get(place.classId) ?? []);
    for (const date of cal.days) {
      for (const planned of plannedLessonsOn(date, place, timetable, cal.terms, cal.breaks)) {
        const slotTaken =
          taken.has(`planned|${place.classId}|${planned.plannedDate}|${planned.plannedPeriod}`) ||
          taken.has(`${place.classId}|${planned.date}|${planned.period}`);
        if (slotTaken) out.kept += 1;
        else fresh.push(planned);
      }
    }
  }
  if (fresh.length === 0) return;
  const created = await em.transactional(async (tx) => fresh.map((planned) => tx.create(Lesson, { id: randomUUID(), ...planned })));
  out.createdCount += created.length;
  if (collect) out.created.push(...created);
}

/**
 * Creates the missing lessons of the week(s) for the classes, a chunk of classes per transaction.
 * Call outside a transaction: the calendar of a new school year may be written first.
 */
export async function generateLessons(em: EntityManager, options: GenerateOptions): Promise<GeneratedLessons> {
  const monday = mondayOf(options.weekOf);
  const days = Array.from({ length: Math.max(1, options.weeks ?? 1) }, (_, w) => schoolWeekOf(addDays(monday, 7 * w))).flat();
  const out: GeneratedLessons = { weekStartsOn: monday, created: [], createdCount: 0, kept: 0 };
  const { terms, breaks } = await calendarOver(em, { startsOn: days[0]!, endsOn: days[days.length - 1]! });
  if (terms.length === 0) return out;
  const classIds = options.classIds
    ? [...options.classIds]
    : await classesWithTimetable(
        em,
        terms.map((t) => t.id),
      );
  for (let start = 0; start < classIds.length; start += CLASSES_PER_CHUNK) {
    // A fresh unit of work per chunk, so a run over every class never holds them all.
    await generateChunk(em.fork(), classIds.slice(start, start + CLASSES_PER_CHUNK), { days, terms, breaks }, out, options.collect ?? true);
  }
  return out;
}
