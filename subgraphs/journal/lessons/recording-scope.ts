/**
 * The checks every write of a lesson's cells (marks, attendance) makes before its transaction opens: the
 * lesson exists and is not cancelled, the caller may write it, its term is not locked, and every student
 * was on the class roster on the lesson day.
 */
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { assertMayRecord, assertUnlocked, isHomeroomOf, isSubstitute, journalToday } from "../permissions.js";
import type { JournalContext } from "../context.js";
import { RosterEntry, type ClassPlace, type Lesson } from "../entities/index.js";
import { assertNotCancelled } from "./lesson-rules.js";

type Ctx = AuthedContext<JournalContext>;

export interface LessonScope {
  lesson: Lesson;
  place: ClassPlace | null;
}

/**
 * Loads the lesson, checks authority and the term's lock, then that every student was on the class roster
 * on the lesson day. `homeroomToo`: the class's homeroom teacher may write too (attendance: they keep
 * track of their class's absences across every subject).
 */
export async function lessonForRecording(ctx: Ctx, lessonIdArg: string, studentIds: string[], homeroomToo = false): Promise<LessonScope> {
  const lessonId = parseId(lessonIdArg, "input.lessonId");
  const lesson = await ctx.loaders.lesson.load(lessonId);
  if (!lesson) throw new NotFoundError("Lesson");
  const place = await ctx.loaders.classPlace.load(lesson.classId);
  // The substitute the school gave this lesson to records it like its own teacher.
  if (!(homeroomToo && isHomeroomOf(ctx, place)) && !isSubstitute(ctx, lesson))
    await assertMayRecord(ctx, lesson.classId, lesson.subjectId, lesson.date);
  assertNotCancelled(lesson, "input.lessonId");
  // A mark or an absence is a record of what happened: a lesson that has not taken place yet has neither.
  if (lesson.date > journalToday()) throw new BadUserInputError("input.lessonId", `the lesson is on ${lesson.date}, later than today`);
  await assertUnlocked(ctx, place, lesson.date);
  // Anyone who had not left by the lesson day counts, so a student who joined late can still be marked.
  const roster = await ctx.em.find(RosterEntry, {
    classId: lesson.classId,
    studentId: { $in: studentIds },
    $or: [{ endsOn: null }, { endsOn: { $gt: lesson.date } }],
  });
  const onRoster = new Set(roster.map((r) => r.studentId));
  const stranger = studentIds.findIndex((id) => !onRoster.has(id));
  if (stranger >= 0) throw new BadUserInputError(`input.entries[${stranger}].studentId`, "the student is not on this class's roster");
  return { lesson, place };
}
