/**
 * Writing attendance of a lesson. Every check runs before the transaction opens (input, who may
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
import { decide } from "../../../shared/auth/policy.js";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { isHomeroomOf } from "../permissions.js";
import type { JournalContext } from "../context.js";
import { AttendanceMark, GENERAL_STATUS, isSensitiveStatus, isSocialStatus, type AttendanceStatus } from "../entities/index.js";
import { lessonForRecording } from "../lessons/recording-scope.js";
import { ATTENDANCE_RECORDED, publishedStatus, type AttendanceRecorded } from "../events/published.js";
import { noteAttendanceChange } from "../lessons/cell-history.js";
import { writeCells } from "../lessons/cell-write.js";
import { checkNote, parseStudentIds } from "../lessons/input-rules.js";
import { classAsSubject } from "../privacy/subjects.js";
import { ACADEMIC_PURPOSES } from "../types/index.js";
import { now as clockNow } from "../../../shared/clock.js";

type Ctx = AuthedContext<JournalContext>;

export interface AttendanceEntryData {
  studentId: string;
  status: AttendanceStatus;
  reason?: string | null;
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
    throw new ForbiddenError(
      `input.entries[${social}].status: only the class's homeroom teacher may record ${input.entries[social]!.status}`,
    );
  }
  const seesSensitive = !!place && decide(ctx.caller, classAsSubject(place), "sensitive", ACADEMIC_PURPOSES).released;

  const write = { operation: "recordAttendance", lockKey: `journal-cells:${lesson.id}`, input, entity: AttendanceMark };
  const marks = await writeCells(ctx, write, async (em) => {
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
