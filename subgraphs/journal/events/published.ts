/**
 * What the journal tells other subgraphs, through its outbox. Payloads carry ids and the figures a
 * notice needs, never names: consumers keep their own minimal replicas.
 */
import {
  GENERAL_STATUS,
  isSensitiveStatus,
  type AttendanceStatus,
  type GradeKind,
  type MessageTopic,
  type SensitiveStatus,
} from "../entities/index.js";
import type { TermKind } from "../calendar/school-days.js";

export const GRADE_RECORDED = "journal.grade.recorded";
export const ATTENDANCE_RECORDED = "journal.attendance.recorded";
export const TERM_MARK_SET = "journal.term-mark.set";
export const MESSAGE_SENT = "journal.message.sent";
export const GRADE_REMOVED = "journal.grade.removed";

/**
 * A lesson mark (CURRENT or INTERMEDIATE) was given or its value changed (a comment alone is not
 * published). Term marks have their own topic. The subject goes by id: notifications names it from its
 * own replica of the subject catalogue.
 */
export interface GradeRecorded {
  gradeId: string;
  studentId: string;
  subjectId: string;
  classId: string;
  lessonId: string;
  kind: GradeKind;
  value: number;
  /** The value it was corrected from; null for a new mark. */
  previousValue: number | null;
  date: string;
}

/** A lesson mark was removed (with a reason, kept in the journal's history, never published). */
export interface GradeRemoved {
  gradeId: string;
  studentId: string;
  subjectId: string;
  classId: string;
  lessonId: string | null;
  kind: GradeKind;
  /** The value the mark had. */
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

/**
 * A term mark was set or changed: QUARTER (a quarter, or a half-year in grades 10–11, see `termKind`) or
 * ANNUAL (computed from the term marks). Shaped like GradeRecorded (lessonId null, date = the term's last
 * day) so a consumer of lesson marks reads it unchanged.
 */
export interface TermMarkSet {
  gradeId: string;
  studentId: string;
  subjectId: string;
  classId: string;
  lessonId: null;
  kind: Extract<GradeKind, "QUARTER" | "ANNUAL">;
  /** QUARTER: the term's number; ANNUAL: null. */
  term: number | null;
  termKind: TermKind | "YEAR";
  academicYear: number;
  value: number;
  date: string;
}

/**
 * A teacher wrote to a student's parents. The text travels with the event: it is the teacher's message to
 * the parent and the notice must carry it (notifications keeps no way to read the journal). It is never
 * logged, here or by the relay, and the journal keeps its own copy for the record.
 */
export interface MessageSent {
  messageId: string;
  studentId: string;
  classId: string;
  senderId: string;
  topic: MessageTopic;
  text: string;
  sentAt: string;
}

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
  /** The class roster on the lesson day: whose guardians hear of it. */
  studentIds: string[];
}
