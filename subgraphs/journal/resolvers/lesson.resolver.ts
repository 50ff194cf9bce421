import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { Lesson } from "../entities/index.js";
import { checkRange, MAX_RANGE_DAYS } from "../rules.js";
import { LessonsArgs, LessonType, SchoolClassRef, SubjectRef, UserRef } from "../types/index.js";

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
}
