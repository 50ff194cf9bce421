import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import type { JournalContext } from "../context.js";
import type { Grade, Lesson } from "../entities/index.js";
import { recordGrades } from "../recording.js";
import { GradeType, LessonType, RecordGradesInput, SubjectRef, UserRef } from "../types/index.js";

/** Grade is personal as a whole (type-level @personalData): the shared enforcement guards every field below. */
@Resolver(() => GradeType)
export class GradeResolver {
  @Mutation(() => [GradeType])
  recordGrades(
    @Arg("input", () => RecordGradesInput) input: RecordGradesInput,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<Grade[]> {
    return recordGrades(ctx, input);
  }

  @FieldResolver(() => UserRef)
  student(@Root() grade: Grade): UserRef {
    return { id: grade.studentId };
  }

  @FieldResolver(() => SubjectRef)
  subject(@Root() grade: Grade): SubjectRef {
    return { id: grade.subjectId };
  }

  @FieldResolver(() => LessonType, { nullable: true })
  lesson(@Root() grade: Grade, @Ctx() ctx: JournalContext): Promise<Lesson | null> | null {
    return grade.lessonId ? ctx.loaders.lesson.load(grade.lessonId) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true })
  recordedBy(@Root() grade: Grade): UserRef | null {
    return grade.recordedById ? { id: grade.recordedById } : null;
  }
}
