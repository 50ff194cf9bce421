/** Checks shared by the operations on one lesson. */
import type { EntityManager } from "@mikro-orm/core";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { calendarOver } from "../calendar/calendar-store.js";
import { MAX_PERIOD } from "../calendar/school-days.js";
import type { JournalContext } from "../context.js";
import { AttendanceMark, Grade, Lesson } from "../entities/index.js";
import { schoolTermOn } from "./plan.js";

/** The lesson named by an argument, or NOT_FOUND. */
export async function loadLesson(ctx: JournalContext, lessonIdArg: string, field = "lessonId"): Promise<Lesson> {
  const lesson = await ctx.loaders.lesson.load(parseId(lessonIdArg, field));
  if (!lesson) throw new NotFoundError("Lesson");
  return lesson;
}

/** A cancelled lesson stays in the journal but takes nothing more: no marks, attendance, topic or homework. */
export function assertNotCancelled(lesson: Lesson, field = "lessonId"): void {
  if (lesson.cancelled) throw new BadUserInputError(field, "the lesson is cancelled");
}

/** A lesson that already holds marks or attendance has been given: it can be neither moved nor cancelled. */
export async function assertNotHeld(em: EntityManager, lesson: Lesson, field = "lessonId"): Promise<void> {
  const [grades, marks] = await Promise.all([em.count(Grade, { lessonId: lesson.id }), em.count(AttendanceMark, { lessonId: lesson.id })]);
  if (grades + marks > 0) throw new BadUserInputError(field, "the lesson already has marks or attendance");
}

export function checkPeriod(period: number, field = "period"): void {
  if (!Number.isInteger(period) || period < 1 || period > MAX_PERIOD) {
    throw new BadUserInputError(field, `a period is a whole number from 1 to ${MAX_PERIOD}, got ${period}`);
  }
}

/** The day is a school day of a term of the kind the class's grade keeps (not Sunday, a holiday or a vacation). */
export async function checkSchoolDay(em: EntityManager, date: string, gradeLevel: number, field = "date"): Promise<void> {
  const { terms, breaks } = await calendarOver(em, { startsOn: date, endsOn: date });
  if (!schoolTermOn(date, gradeLevel, terms, breaks)) {
    throw new BadUserInputError(
      field,
      `${date} is not a school day of this class's term (a Sunday, a holiday, a vacation or outside the term)`,
    );
  }
}

/** The class's time slot holds no other lesson. */
export async function assertSlotFree(em: EntityManager, lesson: Lesson, date: string, period: number): Promise<void> {
  const other = await em.findOne(Lesson, { classId: lesson.classId, date, period, id: { $ne: lesson.id } });
  if (other) throw new BadUserInputError("period", `the class already has a lesson on ${date}, period ${period}`);
}

/** The teacher gives no other (not cancelled) lesson at that time, as its teacher or its substitute. */
export async function assertTeacherFree(
  em: EntityManager,
  teacherId: string,
  date: string,
  period: number,
  except: string,
  field: string,
): Promise<void> {
  const busy = await em.count(Lesson, {
    date,
    period,
    cancelled: false,
    id: { $ne: except },
    $or: [{ teacherId, substituteTeacherId: null }, { substituteTeacherId: teacherId }],
  });
  if (busy > 0) throw new BadUserInputError(field, `the teacher already gives another lesson on ${date}, period ${period}`);
}
