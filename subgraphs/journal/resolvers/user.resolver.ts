import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import type { AttendanceMark, Grade } from "../entities/index.js";
import { checkRange } from "../lessons/input-rules.js";
import { ACADEMIC_PURPOSES, AttendanceMarkType, GradeType, StudentAttendanceArgs, StudentGradesArgs, UserRef } from "../types/index.js";

/**
 * A student's marks and attendance: the journal's contribution to User. The field directive decides
 * whether the caller may see this student's academic data at all; each row is then filtered by its
 * own subject, so a subject teacher keeps only the rows of their subject.
 */
@Resolver(() => UserRef)
export class UserJournalResolver {
  @FieldResolver(() => [GradeType], { nullable: true })
  @Directive(personalData("academic", ACADEMIC_PURPOSES))
  grades(
    @Root() user: UserRef,
    @Args(() => StudentGradesArgs) { from, to, subjectId }: StudentGradesArgs,
    @Ctx() ctx: JournalContext,
  ): Promise<Grade[]> {
    checkRange(from, to);
    return ctx.loaders.gradesOfStudent.load({
      studentId: user.id,
      from: from ?? undefined,
      to: to ?? undefined,
      subjectId: subjectId ? parseId(subjectId, "subjectId") : undefined,
    });
  }

  @FieldResolver(() => [AttendanceMarkType], { nullable: true })
  @Directive(personalData("academic", ACADEMIC_PURPOSES))
  attendance(
    @Root() user: UserRef,
    @Args(() => StudentAttendanceArgs) { from, to }: StudentAttendanceArgs,
    @Ctx() ctx: JournalContext,
  ): Promise<AttendanceMark[]> {
    checkRange(from, to);
    return ctx.loaders.attendanceOfStudent.load({ studentId: user.id, from: from ?? undefined, to: to ?? undefined });
  }
}
