import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { ClassPlace, HomeworkChange, type Lesson } from "../entities/index.js";
import { assertSchoolAdminOfClass, assertSchoolAdminRole } from "../permissions.js";
import { generateLessons, type GeneratedLessons } from "../lessons/generate.js";
import { setHomework, setLessonTopic } from "../lessons/lesson-content.js";
import { assignSubstitute, cancelLesson, moveLesson } from "../lessons/lesson-changes.js";
import { checkRange, MAX_RANGE_DAYS } from "../lessons/input-rules.js";
import { LessonType, UserRef } from "../types/index.js";
import {
  AssignSubstituteArgs,
  CancelLessonArgs,
  GenerateLessonsArgs,
  HomeworkChangeType,
  HomeworkHistoryArgs,
  LessonGenerationType,
  MoveLessonArgs,
  SetHomeworkArgs,
  SetLessonTopicArgs,
} from "../types/schedule.js";

type Ctx = AuthedContext<JournalContext>;

/**
 * Changes to lessons: generation from the timetable, moving, cancelling and substituting (the school's
 * administration), topic and homework (the teacher who gives the lesson), and the homework history.
 */
@Resolver(() => HomeworkChangeType)
export class LessonChangesResolver {
  @Mutation(() => LessonGenerationType, {
    description: "Creates the week's missing lessons from the timetables; running it again creates nothing",
  })
  async generateLessons(@Args(() => GenerateLessonsArgs) args: GenerateLessonsArgs, @Ctx() ctx: Ctx): Promise<GeneratedLessons> {
    assertSchoolAdminRole(ctx);
    let classIds: string[];
    if (args.classId) {
      classIds = [(await assertSchoolAdminOfClass(ctx, parseId(args.classId, "classId"))).classId];
    } else {
      const places = await ctx.em.find(ClassPlace, { schoolId: ctx.caller.org.schoolId ?? "" }, { fields: ["classId"] });
      classIds = places.map((p) => p.classId);
    }
    return generateLessons(ctx.em, { weekOf: args.weekOf, classIds });
  }

  @Mutation(() => LessonType, {
    description: "Moves a lesson to another day or period; refused when the class or the teacher is busy then",
  })
  moveLesson(@Args(() => MoveLessonArgs) args: MoveLessonArgs, @Ctx() ctx: Ctx): Promise<Lesson> {
    return moveLesson(ctx, args);
  }

  @Mutation(() => LessonType, { description: "Cancels a lesson: it stays in the journal, flagged, with the reason" })
  cancelLesson(@Args(() => CancelLessonArgs) args: CancelLessonArgs, @Ctx() ctx: Ctx): Promise<Lesson> {
    return cancelLesson(ctx, args);
  }

  @Mutation(() => LessonType, { description: "Gives a lesson to a substitute teacher, who may then record its marks and attendance" })
  assignSubstitute(@Args(() => AssignSubstituteArgs) args: AssignSubstituteArgs, @Ctx() ctx: Ctx): Promise<Lesson> {
    return assignSubstitute(ctx, args);
  }

  @Mutation(() => LessonType)
  setLessonTopic(@Args(() => SetLessonTopicArgs) args: SetLessonTopicArgs, @Ctx() ctx: Ctx): Promise<Lesson> {
    return setLessonTopic(ctx, args);
  }

  @Mutation(() => LessonType, { description: "Sets, changes or clears a lesson's homework; every change is kept in its history" })
  setHomework(@Args(() => SetHomeworkArgs) args: SetHomeworkArgs, @Ctx() ctx: Ctx): Promise<Lesson> {
    return setHomework(ctx, args);
  }

  @Query(() => [HomeworkChangeType], { description: "Homework changes of a class's lessons on those days: the school's administration" })
  async homeworkHistory(@Args(() => HomeworkHistoryArgs) args: HomeworkHistoryArgs, @Ctx() ctx: Ctx): Promise<HomeworkChange[]> {
    const classId = parseId(args.classId, "classId");
    checkRange(args.from, args.to, MAX_RANGE_DAYS);
    await assertSchoolAdminOfClass(ctx, classId);
    return ctx.em.find(
      HomeworkChange,
      { classId, lessonDate: { $gte: args.from, $lte: args.to } },
      { orderBy: { lessonDate: "asc", changedAt: "asc" } },
    );
  }

  @FieldResolver(() => LessonType)
  async lesson(@Root() change: HomeworkChange, @Ctx() ctx: JournalContext): Promise<Lesson> {
    return (await ctx.loaders.lesson.load(change.lessonId)) ?? Promise.reject(new NotFoundError("Lesson"));
  }

  @FieldResolver(() => UserRef, { nullable: true })
  changedBy(@Root() change: HomeworkChange): UserRef {
    return { id: change.changedById };
  }
}
