/**
 * What the journal tells other subgraphs, through its outbox. Payloads carry ids and the figures a
 * notice needs, never names: consumers keep their own minimal replicas.
 */
import { GENERAL_STATUS, isSensitiveStatus, type AttendanceStatus, type GradeKind, type SensitiveStatus } from "../entities/index.js";

export const GRADE_RECORDED = "journal.grade.recorded";
export const ATTENDANCE_RECORDED = "journal.attendance.recorded";

export interface GradeRecorded {
  gradeId: string;
  studentId: string;
  subjectId: string;
  classId: string;
  lessonId: string;
  kind: GradeKind;
  value: number;
  date: string;
}

/** What an attendance event may say: never PRESENT (not published) nor a sensitive status. */
export type PublishedStatus = Exclude<AttendanceStatus, "PRESENT" | SensitiveStatus>;

/**
 * Published for every mark but PRESENT: only departures from the norm are news to a parent. Sensitive
 * statuses leave as the general one (ILLNESS as ABSENT_EXCUSED) and no reason is ever sent: an event
 * reaches subgraphs and people outside the few who may see health data, and notices are not for it.
 */
export interface AttendanceRecorded {
  markId: string;
  studentId: string;
  subjectId: string;
  classId: string;
  lessonId: string;
  status: PublishedStatus;
  date: string;
}

/** The status an event carries for a recorded (non-PRESENT) mark. */
export const publishedStatus = (status: Exclude<AttendanceStatus, "PRESENT">): PublishedStatus =>
  isSensitiveStatus(status) ? GENERAL_STATUS : status;

export const HOMEWORK_SET = "journal.homework.set";

/**
 * Published when a lesson's homework is set or changed (not when it is cleared): a notice tells the
 * class's parents what is due and when. The text itself stays in the journal, read through the API.
 */
export interface HomeworkSet {
  lessonId: string;
  classId: string;
  subjectId: string;
  dueOn: string;
}
