/**
 * What the journal tells other subgraphs, through its outbox. Payloads carry ids and the figures a
 * notice needs, never names: consumers keep their own minimal replicas.
 */
import type { AttendanceStatus, GradeKind } from "../entities/index.js";

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

/** Published for every mark but PRESENT: only departures from the norm are news to a parent. */
export interface AttendanceRecorded {
  markId: string;
  studentId: string;
  subjectId: string;
  classId: string;
  lessonId: string;
  status: AttendanceStatus;
  date: string;
}
