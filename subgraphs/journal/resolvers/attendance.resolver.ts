import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { NotFoundError } from "../../../shared/errors.js";
import type { JournalContext } from "../context.js";
import type { AttendanceMark, Lesson } from "../entities/index.js";
import { recordAttendance } from "../recording.js";
import { AttendanceMarkType, LessonType, RecordAttendanceInput, UserRef } from "../types/index.js";

/** AttendanceMark is personal as a whole (type-level @personalData): the shared enforcement guards its fields. */
@Resolver(() => AttendanceMarkType)
export class AttendanceResolver {
  @Mutation(() => [AttendanceMarkType])
  recordAttendance(
    @Arg("input", () => RecordAttendanceInput) input: RecordAttendanceInput,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<AttendanceMark[]> {
    return recordAttendance(ctx, input);
  }

  @FieldResolver(() => UserRef)
  student(@Root() mark: AttendanceMark): UserRef {
    return { id: mark.studentId };
  }

  @FieldResolver(() => LessonType)
  async lesson(@Root() mark: AttendanceMark, @Ctx() ctx: JournalContext): Promise<Lesson> {
    return (await ctx.loaders.lesson.load(mark.lessonId)) ?? Promise.reject(new NotFoundError("Lesson"));
  }
}
