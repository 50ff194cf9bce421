import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { ForbiddenError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { Lesson, type HomeworkChange } from "../entities/index.js";
import { mayReadClassSchedule } from "../permissions.js";
import { isSchoolAdminOf } from "../../../shared/auth/relationships.js";
import { checkRange, MAX_RANGE_DAYS } from "../lessons/input-rules.js";
import { LessonsArgs, LessonType, SchoolClassRef, SubjectRef, UserRef } from "../types/index.js";
import { HomeworkChangeType } from "../types/schedule.js";

/** The timetable is not personal data: any signed-in caller may read it (the root guard demands a token). */
@Resolver(() => LessonType)
export class LessonResolver {
  @Query(() => [LessonType])
  lessons(@Args(() => LessonsArgs) { classId, from, to }: LessonsArgs, @Ctx() ctx: JournalContext): Promise<Lesson[]> {
    const id = parseId(classId, "classId");
    checkRange(from, to, MAX_RANGE_DAYS);
    return ctx.em.find(Lesson, { classId: id, date: { $gte: from, $lte: to } }, { orderBy: { date: "asc", period: "asc" } });
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
