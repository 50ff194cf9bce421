import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { canReach } from "../../../shared/auth/policy.js";
import type { AuthedContext } from "../../../shared/context.js";
import { myLessons } from "../lessons/my-lessons.js";
import { ForbiddenError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { Lesson, type HomeworkChange } from "../entities/index.js";
import { mayReadClassSchedule } from "../permissions.js";
import { classAsWorkplace } from "../privacy/subjects.js";
import { isSchoolAdminOf } from "../../../shared/auth/relationships.js";
import { checkRange, MAX_RANGE_DAYS } from "../lessons/input-rules.js";
import { LessonsArgs, LessonType, MyLessonsArgs, SchoolClassRef, SubjectRef, UserRef } from "../types/index.js";
import { HomeworkChangeType } from "../types/schedule.js";

/**
 * Lessons say who teaches a class what and when, and what homework was set: the school's business. Anyone
 * the policy relates to the class as a workplace (shared canReach) reads them; anyone else (another
 * school's teacher) gets the same empty list as for a class that does not exist, so the answer does not
 * even tell that the class is there.
 */
@Resolver(() => LessonType)
export class LessonResolver {
  @Query(() => [LessonType])
  async lessons(@Args(() => LessonsArgs) { classId, from, to }: LessonsArgs, @Ctx() ctx: AuthedContext<JournalContext>): Promise<Lesson[]> {
    const id = parseId(classId, "classId");
    checkRange(from, to, MAX_RANGE_DAYS);
    const place = await ctx.loaders.classPlace.load(id);
    if (!place || !canReach(ctx.caller, classAsWorkplace(place))) return [];
    return ctx.em.find(Lesson, { classId: id, date: { $gte: from, $lte: to } }, { orderBy: { date: "asc", period: "asc" } });
  }

  @Query(() => [LessonType], {
    description:
      "The caller's lessons in a range (a teacher: the lessons they give and those the school gave them as a substitute), " +
      "by day and period, with whether their marks and attendance are entered",
  })
  myLessons(@Args(() => MyLessonsArgs) { from, to }: MyLessonsArgs, @Ctx() ctx: AuthedContext<JournalContext>): Promise<Lesson[]> {
    return myLessons(ctx, from, to);
  }

  @FieldResolver(() => Boolean, { description: "At least one current or intermediate mark is entered for this lesson" })
  async marksEntered(@Root() lesson: Lesson, @Ctx() ctx: JournalContext): Promise<boolean> {
    return (await ctx.loaders.lessonFill.load(lesson.id)).marks > 0;
  }

  @FieldResolver(() => Boolean, { description: "Attendance is taken for this lesson (at least one student's mark)" })
  async attendanceTaken(@Root() lesson: Lesson, @Ctx() ctx: JournalContext): Promise<boolean> {
    return (await ctx.loaders.lessonFill.load(lesson.id)).attendance > 0;
  }

  @FieldResolver(() => SubjectRef)
  subject(@Root() lesson: Lesson): SubjectRef {
    return { id: lesson.subjectId };
  }

  @FieldResolver(() => SchoolClassRef)
  schoolClass(@Root() lesson: Lesson): SchoolClassRef {
    return { id: lesson.classId };
  }

  @FieldResolver(() => UserRef, { nullable: true })
  teacher(@Root() lesson: Lesson): UserRef | null {
    return lesson.teacherId ? { id: lesson.teacherId } : null;
  }

  /**
   * Why the lesson was cancelled, for the class's teachers, students and parents and the school's
   * administration; null for anyone else, who reads the lesson list but has no business with the reason.
   */
  @FieldResolver(() => String, { nullable: true, description: "Why the lesson was cancelled: for the class's own people" })
  async cancelReason(@Root() lesson: Lesson, @Ctx() ctx: JournalContext): Promise<string | null> {
    if (!lesson.cancelReason || !ctx.caller) return null;
    const place = await ctx.loaders.classPlace.load(lesson.classId);
    return place && mayReadClassSchedule(ctx.caller, place) ? lesson.cancelReason : null;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: "Who gives this lesson instead of its teacher" })
  substituteTeacher(@Root() lesson: Lesson): UserRef | null {
    return lesson.substituteTeacherId ? { id: lesson.substituteTeacherId } : null;
  }

  /** Every change of the homework, oldest first: the school's administration only (null with FORBIDDEN for others). */
  @FieldResolver(() => [HomeworkChangeType], { nullable: true })
  async homeworkHistory(@Root() lesson: Lesson, @Ctx() ctx: JournalContext): Promise<HomeworkChange[]> {
    const caller = ctx.caller;
    const place = await ctx.loaders.classPlace.load(lesson.classId);
    if (!isSchoolAdminOf(caller, place?.schoolId)) {
      throw new ForbiddenError("Only the school's administration reads the homework history");
    }
    return ctx.loaders.homeworkHistory.load(lesson.id);
  }
}
