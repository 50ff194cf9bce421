/**
 * Writing marks and attendance of a lesson. Every check runs before the transaction opens (input, who may
 * write, the term's lock, the roster); then every cell of the call, its history row and its outbox event
 * commit together in one transaction, or nothing does. A class of thirty is one transaction of a handful of
 * statements (the write lock of the lesson, one read of the existing cells, then one multi-row insert or
 * update per table; see lessons/cell-write.ts for why concurrent calls cannot interleave).
 *
 * A cell is (student, lesson, kind) for marks and (student, lesson) for attendance: recording it again
 * changes it in place (with a history row) rather than adding a second one; sending the same value again
 * changes nothing, writes no history and tells no parent twice.
 */
import { randomUUID } from "node:crypto";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { Grade, type GradeKind } from "../entities/index.js";
import { GRADE_RECORDED, type GradeRecorded } from "../events/published.js";
import { noteGradeChange } from "../lessons/cell-history.js";
import { writeCells } from "../lessons/cell-write.js";
import { checkMark, checkNote, parseStudentIds } from "../lessons/input-rules.js";
import { lessonForRecording } from "../lessons/recording-scope.js";
import { setTermMarks } from "./term-marks.js";
import { now as clockNow } from "../../../shared/clock.js";

type Ctx = AuthedContext<JournalContext>;

export interface GradeEntryData {
  studentId: string;
  value: number;
  comment?: string | null;
}

/**
 * Lesson marks (CURRENT, INTERMEDIATE). A QUARTER mark named by a lesson is the term mark of the term the
 * lesson falls in (the contract's way to set one; `setTermMarks` is the direct way); ANNUAL marks are
 * computed from the term marks and never entered.
 */
export async function recordGrades(ctx: Ctx, input: { lessonId: string; kind: GradeKind; entries: GradeEntryData[] }): Promise<Grade[]> {
  if (input.kind === "ANNUAL")
    throw new BadUserInputError("input.kind", "the annual mark is the rounded mean of the term marks: it is computed, not entered");
  const studentIds = parseStudentIds(input.entries);
  input.entries.forEach((entry, i) => checkMark(entry.value, `input.entries[${i}].value`));
  const comments = input.entries.map((entry, i) => checkNote(entry.comment, `input.entries[${i}].comment`));
  if (input.kind === "QUARTER") return recordTermMarksByLesson(ctx, input.lessonId, input.entries);
  const { lesson } = await lessonForRecording(ctx, input.lessonId, studentIds);

  const write = { operation: "recordGrades", lockKey: `journal-cells:${lesson.id}`, input, entity: Grade };
  const grades = await writeCells(ctx, write, async (em) => {
    const existing = await em.find(Grade, { lessonId: lesson.id, kind: input.kind, studentId: { $in: studentIds } });
    const byStudent = new Map(existing.map((g) => [g.studentId, g]));
    const now = clockNow();
    return input.entries.map((entry, i) => {
      const studentId = studentIds[i]!;
      const comment = comments[i]!;
      let grade = byStudent.get(studentId);
      const before = grade && { value: grade.value, comment: grade.comment ?? null };
      if (before && before.value === entry.value && before.comment === comment) return grade!;
      if (!grade) {
        grade = em.create(Grade, {
          id: randomUUID(),
          studentId,
          classId: lesson.classId,
          subjectId: lesson.subjectId,
          lessonId: lesson.id,
          kind: input.kind,
          value: entry.value,
          date: lesson.date,
        });
      }
      grade.value = entry.value;
      grade.comment = comment;
      grade.recordedById = ctx.caller.sub;
      grade.recordedAt = now;
      noteGradeChange(em, grade, before, ctx.caller.sub, now);
      // A comment edited on a mark that stays as it was is kept in the history but announced to no one:
      // the event is what parents hear about, and nothing they are told about has changed.
      if (before && before.value === entry.value) return grade;
      const event: GradeRecorded = {
        gradeId: grade.id,
        studentId,
        subjectId: lesson.subjectId,
        classId: lesson.classId,
        lessonId: lesson.id,
        kind: input.kind,
        value: entry.value,
        previousValue: before?.value ?? null,
        date: lesson.date,
      };
      enqueue(em, GRADE_RECORDED, { ...event });
      return grade;
    });
  });
  ctx.services.relay.kick();
  return grades;
}

async function recordTermMarksByLesson(ctx: Ctx, lessonIdArg: string, entries: GradeEntryData[]): Promise<Grade[]> {
  const lesson = await ctx.loaders.lesson.load(parseId(lessonIdArg, "input.lessonId"));
  if (!lesson) throw new NotFoundError("Lesson");
  const place = await ctx.loaders.classPlace.load(lesson.classId);
  const term = (await ctx.loaders.calendar()).termOf(place?.gradeLevel ?? 1, lesson.date);
  if (!term) throw new BadUserInputError("input.lessonId", "the lesson falls in no term");
  return setTermMarks(ctx, { classId: lesson.classId, subjectId: lesson.subjectId, term: term.number, year: term.year, entries });
}
