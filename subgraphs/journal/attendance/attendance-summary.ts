/**
 * A class's attendance day by day: how many lessons it had, how many attendance marks were entered, how
 * many of each status, and the share present (PRESENT or LATE: a late student is in the lesson). Two
 * aggregate statements whatever the class size or range. For the school's administration and the class's
 * teachers; whoever may not see sensitive statuses of the class gets them counted as the excused absences
 * they are shown as.
 */
import { decide } from "../../../shared/auth/policy.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { notBlocked } from "../../../shared/privacy/blocks.js";
import type { JournalContext } from "../context.js";
import { ATTENDANCE_STATUSES, GENERAL_STATUS, isSensitiveStatus, type AttendanceStatus } from "../entities/index.js";
import { checkRange } from "../lessons/input-rules.js";
import { classAsSubject } from "../privacy/subjects.js";
import { ACADEMIC_PURPOSES } from "../types/index.js";

/** A month and a bit: the summary is a daily view, reports cover longer spans. */
export const MAX_SUMMARY_DAYS = 62;

export interface AttendanceDay {
  date: string;
  lessons: number;
  marks: number;
  present: number;
  presentShare: number | null;
  counts: Array<{ status: AttendanceStatus; count: number }>;
}

const PRESENT_STATUSES: readonly AttendanceStatus[] = ["PRESENT", "LATE"];

export async function classAttendanceSummary(
  ctx: AuthedContext<JournalContext>,
  args: { classId: string; from: string; to: string },
  /** Block names of an attendance mark (enforce.ts `blockNamesIn`): the marks of pupils who blocked them are not counted. */
  attendanceBlockNames: readonly string[] = ["AttendanceMark"],
): Promise<AttendanceDay[]> {
  const classId = parseId(args.classId, "classId");
  checkRange(args.from, args.to, MAX_SUMMARY_DAYS);
  const place = await ctx.loaders.classPlace.load(classId);
  if (!place) throw new NotFoundError("SchoolClass");
  const subject = classAsSubject(place);
  if (!decide(ctx.caller, subject, "academic", ACADEMIC_PURPOSES).released) {
    throw new ForbiddenError("Only the school's administration and the class's teachers may read its attendance summary");
  }
  const seesSensitive = decide(ctx.caller, subject, "sensitive", ACADEMIC_PURPOSES).released;

  const connection = ctx.em.getConnection();
  const range = [classId, args.from, args.to];
  const unblocked = notBlocked("student_id", attendanceBlockNames);
  const [lessonRows, markRows] = await Promise.all([
    connection.execute<Array<{ date: string; n: number | string }>>(
      "select date, count(*) as n from lessons where class_id = ? and date >= ? and date <= ? group by date",
      range,
    ),
    connection.execute<Array<{ date: string; status: AttendanceStatus; n: number | string }>>(
      `select date, status, count(*) as n from attendance_marks where class_id = ? and date >= ? and date <= ?${unblocked.sql} group by date, status`,
      [...range, ...unblocked.params],
    ),
  ]);

  const days = new Map<string, { lessons: number; counts: Map<AttendanceStatus, number> }>();
  const day = (date: string) => days.get(date) ?? days.set(date, { lessons: 0, counts: new Map() }).get(date)!;
  for (const row of lessonRows) day(row.date).lessons = Number(row.n);
  for (const row of markRows) {
    const status = !seesSensitive && isSensitiveStatus(row.status) ? GENERAL_STATUS : row.status;
    const counts = day(row.date).counts;
    counts.set(status, (counts.get(status) ?? 0) + Number(row.n));
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, { lessons, counts }]) => {
      const marks = [...counts.values()].reduce((a, b) => a + b, 0);
      const present = PRESENT_STATUSES.reduce((sum, s) => sum + (counts.get(s) ?? 0), 0);
      return {
        date,
        lessons,
        marks,
        present,
        presentShare: marks > 0 ? present / marks : null,
        // In the enum's order, so clients can rely on it.
        counts: ATTENDANCE_STATUSES.filter((s) => counts.has(s)).map((status) => ({ status, count: counts.get(status)! })),
      };
    });
}
