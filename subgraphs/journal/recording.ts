/**
 * Writing marks and attendance. All checks run before the transaction opens; every write of one call,
 * with its outbox events, commits together or not at all.
 */
import { randomUUID } from "node:crypto";
import type { AuthedContext } from "../../shared/context.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../shared/errors.js";
import { enqueue } from "../../shared/events/outbox.js";
import { parseId } from "../../shared/ids.js";
import type { JournalContext } from "./context.js";
import {
  AttendanceMark,
  Grade,
  RosterEntry,
  TeachingReplica,
  type AttendanceStatus,
  type GradeKind,
  type Lesson,
} from "./entities/index.js";
import { ATTENDANCE_RECORDED, GRADE_RECORDED, publishedStatus, type AttendanceRecorded, type GradeRecorded } from "./events/published.js";
import { isSubstitute } from "./lessons/authority.js";
import { assertNotCancelled } from "./lessons/lesson-rules.js";
import { checkMark, parseStudentIds } from "./rules.js";

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

/**
 * Who may write a lesson's cells: the teacher assigned to its class and subject (from the teaching
 * replica, not the token, so a revoked assignment takes effect without a new sign-in), the lesson's
 * substitute, or the school's administration. An operation permission, not a personal-data release.
 */
async function assertMayRecord(ctx: Ctx, lesson: Lesson): Promise<void> {
  const caller = ctx.caller;
  if (caller.role === "SCHOOL_ADMIN" && caller.org.schoolId) {
    const place = await ctx.loaders.classPlace.load(lesson.classId);
    if (place?.schoolId === caller.org.schoolId) return;
  }
  // The substitute the school gave this lesson to records it like its own teacher.
  if (isSubstitute(caller, lesson)) return;
  if (caller.role === "TEACHER") {
    const assigned = await ctx.em.count(TeachingReplica, { teacherId: caller.sub, classId: lesson.classId, subjectId: lesson.subjectId });
    if (assigned > 0) return;
  }
  throw new ForbiddenError("Only the teacher of this class and subject, or the school's administration, may record here");
}

/** Loads the lesson, checks authority, then that every student was on the class roster on the lesson day. */
async function lessonForRecording(ctx: Ctx, lessonIdArg: string, studentIds: string[]): Promise<Lesson> {
  const lessonId = parseId(lessonIdArg, "input.lessonId");
  const lesson = await ctx.loaders.lesson.load(lessonId);
  if (!lesson) throw new NotFoundError("Lesson");
  await assertMayRecord(ctx, lesson);
  assertNotCancelled(lesson, "input.lessonId");
  // Anyone who had not left by the lesson day counts, so a student who joined late can still be marked.
  const roster = await ctx.em.find(RosterEntry, {
    classId: lesson.classId,
    studentId: { $in: studentIds },
    $or: [{ endsOn: null }, { endsOn: { $gt: lesson.date } }],
  });
  const onRoster = new Set(roster.map((r) => r.studentId));
  const stranger = studentIds.findIndex((id) => !onRoster.has(id));
  if (stranger >= 0) throw new BadUserInputError(`input.entries[${stranger}].studentId`, "the student is not on this class's roster");
  return lesson;
}

export async function recordGrades(ctx: Ctx, input: { lessonId: string; kind: GradeKind; entries: GradeEntryData[] }): Promise<Grade[]> {
  const studentIds = parseStudentIds(input.entries);
  input.entries.forEach((entry, i) => checkMark(entry.value, `input.entries[${i}].value`));
  const lesson = await lessonForRecording(ctx, input.lessonId, studentIds);

  const grades = await ctx.em.transactional(async (em) => {
    const existing = await em.find(Grade, { lessonId: lesson.id, kind: input.kind, studentId: { $in: studentIds } });
    const byStudent = new Map(existing.map((g) => [g.studentId, g]));
    return input.entries.map((entry, i) => {
      const studentId = studentIds[i]!;
      let grade = byStudent.get(studentId);
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
      grade.comment = entry.comment ?? null;
      grade.recordedById = ctx.caller.sub;
      grade.recordedAt = new Date();
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

export async function recordAttendance(ctx: Ctx, input: { lessonId: string; entries: AttendanceEntryData[] }): Promise<AttendanceMark[]> {
  const studentIds = parseStudentIds(input.entries);
  input.entries.forEach((entry, i) => {
    if (entry.status === "ABSENT_EXCUSED" && !entry.reason?.trim()) {
      throw new BadUserInputError(`input.entries[${i}].reason`, "an excused absence needs a reason");
    }
  });
  const lesson = await lessonForRecording(ctx, input.lessonId, studentIds);

  const marks = await ctx.em.transactional(async (em) => {
    const existing = await em.find(AttendanceMark, { lessonId: lesson.id, studentId: { $in: studentIds } });
    const byStudent = new Map(existing.map((m) => [m.studentId, m]));
    return input.entries.map((entry, i) => {
      const studentId = studentIds[i]!;
      let mark = byStudent.get(studentId);
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
      mark.reason = entry.reason?.trim() || null;
      mark.recordedById = ctx.caller.sub;
      mark.recordedAt = new Date();
      if (entry.status !== "PRESENT") {
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
