/**
 * Which lessons a class's timetable puts on which days: pure, so the subgraph's generator and the seed
 * (which writes a whole quarter at once) make lessons the same way.
 */
import { covers, termKindFor, weekdayOf, type DaySpan, type TermKind } from "../calendar/school-days.js";

export interface TermSpan extends DaySpan {
  id: string;
  kind: TermKind;
}

export interface TimetableSlot {
  termId: string;
  weekday: number;
  period: number;
  subjectId: string;
  teacherId: string;
  room?: string | null;
}

export interface PlannedLesson {
  classId: string;
  subjectId: string;
  teacherId: string;
  date: string;
  period: number;
  room: string | null;
  plannedDate: string;
  plannedPeriod: number;
}

/**
 * The term of a grade's kind a day belongs to, when it is a school day: Monday to Saturday, inside the
 * term, on no holiday or vacation. Null otherwise.
 */
export function schoolTermOn(date: string, gradeLevel: number, terms: readonly TermSpan[], breaks: readonly DaySpan[]): TermSpan | null {
  if (weekdayOf(date) > 6 || breaks.some((b) => covers(b, date))) return null;
  const kind = termKindFor(gradeLevel);
  return terms.find((t) => t.kind === kind && covers(t, date)) ?? null;
}

/** Timetable slots grouped by term and weekday, periods in order: `slotsByDay.get(termId)?.get(weekday)`. */
export function slotsByDay<S extends TimetableSlot>(slots: readonly S[]): Map<string, Map<number, S[]>> {
  const out = new Map<string, Map<number, S[]>>();
  for (const slot of slots) {
    const term = out.get(slot.termId) ?? new Map<number, S[]>();
    term.set(slot.weekday, [...(term.get(slot.weekday) ?? []), slot]);
    out.set(slot.termId, term);
  }
  for (const term of out.values()) for (const day of term.values()) day.sort((a, b) => a.period - b.period);
  return out;
}

/** The lessons of one class on one day, in period order (none on a day that is not a school day of a term). */
export function plannedLessonsOn(
  date: string,
  cls: { classId: string; gradeLevel: number },
  timetable: Map<string, Map<number, TimetableSlot[]>>,
  terms: readonly TermSpan[],
  breaks: readonly DaySpan[],
): PlannedLesson[] {
  const term = schoolTermOn(date, cls.gradeLevel, terms, breaks);
  if (!term) return [];
  return (timetable.get(term.id)?.get(weekdayOf(date)) ?? []).map((slot) => ({
    classId: cls.classId,
    subjectId: slot.subjectId,
    teacherId: slot.teacherId,
    date,
    period: slot.period,
    room: slot.room ?? null,
    plannedDate: date,
    plannedPeriod: slot.period,
  }));
}
