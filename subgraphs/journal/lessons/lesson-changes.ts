/**
 * What the school's administration does to one lesson: move it to another day or period, cancel it
 * (kept, with its reason), or give it to a substitute teacher.
 */
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { ClassPlace, TeachingReplica, type Lesson } from "../entities/index.js";
import { assertSchoolAdminOfClass, assertSchoolAdminRole } from "../permissions.js";
import {
  assertNotCancelled,
  assertNotHeld,
  assertSlotFree,
  assertTeacherFree,
  checkPeriod,
  checkSchoolDay,
  loadLesson,
} from "./lesson-rules.js";

type Ctx = AuthedContext<JournalContext>;

export const MAX_REASON_LENGTH = 500;

/** Applies `change` to the lesson and commits it. */
async function save(ctx: Ctx, lesson: Lesson, change: Partial<Lesson>): Promise<Lesson> {
  ctx.em.assign(lesson, change);
  await ctx.em.flush();
  return lesson;
}

export async function moveLesson(ctx: Ctx, args: { lessonId: string; date: string; period: number }): Promise<Lesson> {
  assertSchoolAdminRole(ctx);
  const lesson = await loadLesson(ctx, args.lessonId);
  const place = await assertSchoolAdminOfClass(ctx, lesson.classId);
  assertNotCancelled(lesson);
  checkPeriod(args.period);
  if (lesson.date === args.date && lesson.period === args.period) return lesson;
  await assertNotHeld(ctx.em, lesson);
  await checkSchoolDay(ctx.em, args.date, place.gradeLevel);
  await assertSlotFree(ctx.em, lesson, args.date, args.period);
  const teacherId = lesson.substituteTeacherId ?? lesson.teacherId;
  if (teacherId) await assertTeacherFree(ctx.em, teacherId, args.date, args.period, lesson.id, "period");
  return save(ctx, lesson, { date: args.date, period: args.period });
}

export async function cancelLesson(ctx: Ctx, args: { lessonId: string; reason: string }): Promise<Lesson> {
  assertSchoolAdminRole(ctx);
  const lesson = await loadLesson(ctx, args.lessonId);
  await assertSchoolAdminOfClass(ctx, lesson.classId);
  const reason = args.reason.trim();
  if (!reason) throw new BadUserInputError("reason", "a cancelled lesson needs a reason");
  if (reason.length > MAX_REASON_LENGTH) throw new BadUserInputError("reason", `at most ${MAX_REASON_LENGTH} characters`);
  await assertNotHeld(ctx.em, lesson);
  return save(ctx, lesson, { cancelled: true, cancelReason: reason });
}

/** Gives the lesson to a substitute (a teacher of the same school, free at that time), or takes it back with null. */
export async function assignSubstitute(ctx: Ctx, args: { lessonId: string; teacherId?: string | null }): Promise<Lesson> {
  assertSchoolAdminRole(ctx);
  const lesson = await loadLesson(ctx, args.lessonId);
  const place = await assertSchoolAdminOfClass(ctx, lesson.classId);
  assertNotCancelled(lesson);
  if (!args.teacherId) return save(ctx, lesson, { substituteTeacherId: null });
  const teacherId = parseId(args.teacherId, "teacherId");
  if (teacherId === lesson.teacherId) throw new BadUserInputError("teacherId", "this is the lesson's own teacher");
  const schoolClasses = await ctx.em.find(ClassPlace, { schoolId: place.schoolId }, { fields: ["classId"] });
  const teachesHere = await ctx.em.count(TeachingReplica, { teacherId, classId: { $in: schoolClasses.map((c) => c.classId) } });
  if (teachesHere === 0) throw new BadUserInputError("teacherId", "not a teacher of this school");
  await assertTeacherFree(ctx.em, teacherId, lesson.date, lesson.period, lesson.id, "teacherId");
  return save(ctx, lesson, { substituteTeacherId: teacherId });
}
