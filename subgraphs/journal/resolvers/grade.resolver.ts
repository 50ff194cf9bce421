import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { AuthedContext } from "../../../shared/context.js";
import type { JournalContext } from "../context.js";
import type { Grade, JournalChange, Lesson } from "../entities/index.js";
import { recordGrades } from "../marks/record-grades.js";
import { removeGrade } from "../marks/remove-grade.js";
import { HISTORY_PURPOSES, JournalChangeType } from "../types/history.js";
import { GradeType, LessonType, RecordGradesInput, RemoveGradeInput, SubjectRef, UserRef } from "../types/index.js";

/** Grade is personal as a whole (type-level @personalData): the shared enforcement guards every field below. */
@Resolver(() => GradeType)
export class GradeResolver {
  @Mutation(() => [GradeType], {
    description:
      "Marks of one lesson for any number of students, all or nothing in one transaction. Recording a student's mark of " +
      "the same kind again changes it (the change is kept in its history). QUARTER sets the term mark of the term the " +
      "lesson falls in (see setTermMarks); ANNUAL is computed, never entered.",
  })
  recordGrades(
    @Arg("input", () => RecordGradesInput) input: RecordGradesInput,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<Grade[]> {
    return recordGrades(ctx, input);
  }

  @Mutation(() => ID, {
    description:
      "Removes a lesson mark given by mistake, with a reason: the teacher who may write it (while the term is open) or the " +
      "school's administration (also after the lock). The mark's history keeps what it was; the parents are told. Answers its id.",
  })
  removeGrade(@Arg("input", () => RemoveGradeInput) input: RemoveGradeInput, @Ctx() ctx: AuthedContext<JournalContext>): Promise<string> {
    return removeGrade(ctx, input);
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

  @FieldResolver(() => Int, {
    nullable: true,
    description: "QUARTER marks: the term they close (1–4, or 1–2 for the half-years of grades 10–11); null otherwise",
  })
  term(@Root() grade: Grade): number | null {
    return grade.term ?? null;
  }

  @FieldResolver(() => [JournalChangeType], {
    nullable: true,
    description: "Every change of this mark, oldest first (the school's administration)",
  })
  @Directive(personalData("history", HISTORY_PURPOSES))
  history(@Root() grade: Grade, @Ctx() ctx: JournalContext): Promise<JournalChange[]> {
    return ctx.loaders.historyOfCell.load(grade.id);
  }
}
