import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { decide } from "../../../shared/auth/policy.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { JournalChange, type Lesson } from "../entities/index.js";
import { classAsSubject, studentSubject } from "../privacy/subjects.js";
import { HISTORY_PURPOSES, JournalChangeType, JournalHistoryArgs } from "../types/history.js";
import { LessonType, SubjectRef, UserRef } from "../types/index.js";

/**
 * The history of a class's journal cells. JournalChange is personal as a whole (category "history", the
 * school's administration only): rows and fields are guarded by the shared enforcement, and the root query
 * refuses outright whoever could see no row of the class.
 */
@Resolver(() => JournalChangeType)
export class HistoryResolver {
  @Query(() => [JournalChangeType], {
    description:
      "Every change of the class's marks and attendance marks dated `date`, in the order they were made (the school's administration)",
  })
  async journalHistory(
    @Args(() => JournalHistoryArgs) args: JournalHistoryArgs,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<JournalChange[]> {
    const classId = parseId(args.classId, "classId");
    const place = await ctx.loaders.classPlace.load(classId);
    if (!place) throw new NotFoundError("SchoolClass");
    if (!decide(ctx.caller, classAsSubject(place), "history", HISTORY_PURPOSES).released) {
      throw new ForbiddenError("Only the school's administration may read the history of the journal");
    }
    const changes = await ctx.em.find(JournalChange, { classId, date: args.date }, { orderBy: { changedAt: "asc", id: "asc" } });
    // Warm the subjects the row filter asks for, in one batch rather than one per row.
    await Promise.all([...new Set(changes.map((c) => c.studentId))].map((id) => studentSubject(ctx, id)));
    return changes;
  }

  @FieldResolver(() => UserRef)
  student(@Root() change: JournalChange): UserRef {
    return { id: change.studentId };
  }

  @FieldResolver(() => SubjectRef)
  subject(@Root() change: JournalChange): SubjectRef {
    return { id: change.subjectId };
  }

  @FieldResolver(() => LessonType, { nullable: true })
  lesson(@Root() change: JournalChange, @Ctx() ctx: JournalContext): Promise<Lesson | null> | null {
    return change.lessonId ? ctx.loaders.lesson.load(change.lessonId) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: "Who made the change" })
  changedBy(@Root() change: JournalChange): UserRef {
    return { id: change.changedById };
  }
}
