/**
 * Writing marks and attendance of a lesson. Every check runs before the transaction opens (input, who may
 * write, the term's lock, the roster); then every cell of the call, its history row and its outbox event
 * commit together in one transaction, or nothing does. A class of thirty is one transaction of a handful of
 * statements (one read of the existing cells, then one multi-row insert or update per table).
 *
 * A cell is (student, lesson, kind) for marks and (student, lesson) for attendance: recording it again
 * changes it in place (with a history row) rather than adding a second one; sending the same value again
 * changes nothing, writes no history and tells no parent twice.
 */
import { randomUUID } from "node:crypto";
import { decide } from "../../shared/auth/policy.js";
import type { AuthedContext } from "../../shared/context.js";
import { BadUserInputError, ForbiddenWithDetailError, NotFoundError } from "../../shared/errors.js";
import { enqueue } from "../../shared/events/outbox.js";
import { parseId } from "../../shared/ids.js";
import { assertMayRecord, assertUnlocked, isHomeroomOf } from "./authority.js";
import type { JournalContext } from "./context.js";
import {
  AttendanceMark,
  GENERAL_STATUS,
  Grade,
  isSensitiveStatus,
  isSocialStatus,
  RosterEntry,
  type AttendanceStatus,
  type ClassPlace,
  type GradeKind,
  type Lesson,
} from "./entities/index.js";
import { ATTENDANCE_RECORDED, GRADE_RECORDED, publishedStatus, type AttendanceRecorded, type GradeRecorded } from "./events/published.js";
import { noteAttendanceChange, noteGradeChange } from "./history.js";
import { checkMark, checkNote, parseStudentIds } from "./rules.js";
import { classAsSubject } from "./subjects.js";
import { setTermMarks } from "./term-marks.js";
import { termOf } from "./terms.js";
import { ACADEMIC_PURPOSES } from "./types/index.js";
import { isSubstitute } from "./lessons/authority.js";
import { assertNotCancelled } from "./lessons/lesson-rules.js";
import { now as clockNow } from "../../shared/clock.js";

type Ctx = AuthedContext<JournalContext>;

export interface GradeEntryData {
  studentId: string;
  value: number;
  comment?: string | null;
}

export interface AttendanceEntryData {
  studentId: string;
  status: AttendanceStatus;
  reason?: string | null;
}

interface LessonScope {
  lesson: Lesson;
  place: ClassPlace | null;
}

/**
 * Loads the lesson, checks authority and the term's lock, then that every student was on the class roster
 * on the lesson day. `homeroomToo`: the class's homeroom teacher may write too (attendance: they keep
 * track of their class's absences across every subject).
 */
async function lessonForRecording(ctx: Ctx, lessonIdArg: string, studentIds: string[], homeroomToo = false): Promise<LessonScope> {
  const lessonId = parseId(lessonIdArg, "input.lessonId");
  const lesson = await ctx.loaders.lesson.load(lessonId);
  if (!lesson) throw new NotFoundError("Lesson");
  const place = await ctx.loaders.classPlace.load(lesson.classId);
  // The substitute the school gave this lesson to records it like its own teacher.
  if (!(homeroomToo && isHomeroomOf(ctx, place)) && !isSubstitute(ctx.caller, lesson))
    await assertMayRecord(ctx, lesson.classId, lesson.subjectId, lesson.date);
  assertNotCancelled(lesson, "input.lessonId");
  assertUnlocked(ctx, place, lesson.date);
  // Anyone who had not left by the lesson day counts, so a student who joined late can still be marked.
  const roster = await ctx.em.find(RosterEntry, {
    classId: lesson.classId,
    studentId: { $in: studentIds },
    $or: [{ endsOn: null }, { endsOn: { $gt: lesson.date } }],
  });
  const onRoster = new Set(roster.map((r) => r.studentId));
  const stranger = studentIds.findIndex((id) => !onRoster.has(id));
  if (stranger >= 0) throw new BadUserInputError(`input.entries[${stranger}].studentId`, "the student is not on this class's roster");
  return { lesson, place };
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

  const grades = await ctx.em.transactional(async (em) => {
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
      const event: GradeRecorded = {
        gradeId: grade.id,
        studentId,
        subjectId: lesson.subjectId,
        classId: lesson.classId,
        lessonId: lesson.id,
        kind: input.kind,
        value: entry.value,
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
  const term = termOf(place?.gradeLevel ?? 1, lesson.date);
  if (!term) throw new BadUserInputError("input.lessonId", "the lesson falls in no term");
  return setTermMarks(ctx, { classId: lesson.classId, subjectId: lesson.subjectId, term: term.number, year: term.academicYear, entries });
}

/**
 * Attendance of a lesson, by its teacher, the class's homeroom teacher or the school's administration.
 * The social codes are the homeroom teacher's alone. A caller who may not see sensitive statuses is shown
 * ABSENT_EXCUSED for them: sending that back for such a cell keeps the cell as it is, so re-submitting a
 * class's attendance never erases what they were not shown.
 */
export async function recordAttendance(ctx: Ctx, input: { lessonId: string; entries: AttendanceEntryData[] }): Promise<AttendanceMark[]> {
  const studentIds = parseStudentIds(input.entries);
  const reasons = input.entries.map((entry, i) => {
    const reason = checkNote(entry.reason, `input.entries[${i}].reason`);
    if (entry.status === "ABSENT_EXCUSED" && !reason) {
      throw new BadUserInputError(`input.entries[${i}].reason`, "an excused absence needs a reason");
    }
    return reason;
  });
  const { lesson, place } = await lessonForRecording(ctx, input.lessonId, studentIds, true);
  const social = input.entries.findIndex((entry) => isSocialStatus(entry.status));
  if (social >= 0 && !isHomeroomOf(ctx, place)) {
    throw new ForbiddenWithDetailError(
      `input.entries[${social}].status: only the class's homeroom teacher may record ${input.entries[social]!.status}`,
    );
  }
  const seesSensitive = !!place && decide(ctx.caller, classAsSubject(place), "sensitive", ACADEMIC_PURPOSES).released;

  const marks = await ctx.em.transactional(async (em) => {
    const existing = await em.find(AttendanceMark, { lessonId: lesson.id, studentId: { $in: studentIds } });
    const byStudent = new Map(existing.map((m) => [m.studentId, m]));
    const now = clockNow();
    return input.entries.map((entry, i) => {
      const studentId = studentIds[i]!;
      const reason = reasons[i]!;
      let mark = byStudent.get(studentId);
      const before = mark && { status: mark.status, reason: mark.reason ?? null };
      if (before && before.status === entry.status && before.reason === reason) return mark!;
      if (before && !seesSensitive && isSensitiveStatus(before.status) && entry.status === GENERAL_STATUS) return mark!;
      if (!mark) {
        mark = em.create(AttendanceMark, {
          id: randomUUID(),
          lessonId: lesson.id,
          studentId,
          classId: lesson.classId,
          subjectId: lesson.subjectId,
          date: lesson.date,
          status: entry.status,
        });
      }
      mark.status = entry.status;
      mark.reason = reason;
      mark.recordedById = ctx.caller.sub;
      mark.recordedAt = now;
      noteAttendanceChange(em, mark, before, ctx.caller.sub, now);
      // Only departures from the norm are news to a parent, and only when the published status changes.
      if (
        entry.status !== "PRESENT" &&
        (!before || before.status === "PRESENT" || publishedStatus(before.status) !== publishedStatus(entry.status))
      ) {
        const event: AttendanceRecorded = {
          markId: mark.id,
          studentId,
          subjectId: lesson.subjectId,
          classId: lesson.classId,
          lessonId: lesson.id,
          status: publishedStatus(entry.status),
          date: lesson.date,
        };
        enqueue(em, ATTENDANCE_RECORDED, { ...event });
      }
      return mark;
    });
  });
  ctx.services.relay.kick();
  return marks;
}
