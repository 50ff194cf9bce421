import { RevokedSession } from "../../../shared/auth/revoked-session.entity.js";
import { AcademicTerm } from "./academic-term.entity.js";
import { AttendanceMark } from "./attendance-mark.entity.js";
import { CalendarBreak } from "./calendar-break.entity.js";
import { ClassPlace } from "./class-place.entity.js";
import { ClosedYear } from "./closed-year.entity.js";
import { Grade } from "./grade.entity.js";
import { JournalChange } from "./journal-change.entity.js";
import { HomeworkChange } from "./homework-change.entity.js";
import { Lesson } from "./lesson.entity.js";
import { ParentMessage } from "./parent-message.entity.js";
import { RosterEntry } from "./roster-entry.entity.js";
import { TeachingReplica } from "./teaching-replica.entity.js";
import { TimetableEntry } from "./timetable-entry.entity.js";

export {
  AcademicTerm,
  AttendanceMark,
  CalendarBreak,
  ClassPlace,
  ClosedYear,
  Grade,
  HomeworkChange,
  JournalChange,
  Lesson,
  ParentMessage,
  RosterEntry,
  TeachingReplica,
  TimetableEntry,
};
export * from "./grade.entity.js";
export * from "./attendance-mark.entity.js";
export * from "./journal-change.entity.js";
export * from "./parent-message.entity.js";
export const journalEntities = [
  Lesson,
  Grade,
  AttendanceMark,
  ClassPlace,
  RosterEntry,
  TeachingReplica,
  JournalChange,
  ParentMessage,
  RevokedSession,
  AcademicTerm,
  CalendarBreak,
  ClosedYear,
  TimetableEntry,
  HomeworkChange,
];
