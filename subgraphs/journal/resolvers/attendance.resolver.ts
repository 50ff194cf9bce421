import { Arg, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { AuthedContext } from "../../../shared/context.js";
import { NotFoundError } from "../../../shared/errors.js";
import type { JournalContext } from "../context.js";
import type { AttendanceMark, JournalChange, Lesson } from "../entities/index.js";
import { recordAttendance } from "../attendance/record-attendance.js";
import { HISTORY_PURPOSES, JournalChangeType } from "../types/history.js";
import { AttendanceMarkType, LessonType, RecordAttendanceInput, UserRef } from "../types/index.js";

/** AttendanceMark is personal as a whole (type-level @personalData): the shared enforcement guards its fields. */
@Resolver(() => AttendanceMarkType)
export class AttendanceResolver {
  @Mutation(() => [AttendanceMarkType], {
    description:
      "Attendance of one lesson for any number of students, all or nothing in one transaction. ABSENT_EXCUSED needs a " +
      "reason; the social codes (NO_PARENTAL_SUPERVISION, PARENTS_RESIST_EDUCATION, MARRIAGE, LEFT_COUNTRY) are the " +
      "homeroom teacher's only.",
  })
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

  @FieldResolver(() => [JournalChangeType], {
    nullable: true,
    description: "Every change of this attendance mark, oldest first (the school's administration)",
  })
  @Directive(personalData("history", HISTORY_PURPOSES))
  history(@Root() mark: AttendanceMark, @Ctx() ctx: JournalContext): Promise<JournalChange[]> {
    return ctx.loaders.historyOfCell.load(mark.id);
  }
}
