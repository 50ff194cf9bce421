import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

/**
 * The social codes of DESIGN.md §3: absences for a family or social reason that only the homeroom teacher
 * records (no parental supervision, parents resisting the child's education, marriage, left the country).
 */
export const SOCIAL_STATUSES = ["NO_PARENTAL_SUPERVISION", "PARENTS_RESIST_EDUCATION", "MARRIAGE", "LEFT_COUNTRY"] as const;
export type SocialStatus = (typeof SOCIAL_STATUSES)[number];

/** The contract's five statuses, then the social codes (added: the contract's values stay as they are). */
export const ATTENDANCE_STATUSES = ["PRESENT", "ABSENT_UNEXCUSED", "ABSENT_EXCUSED", "ILLNESS", "LATE", ...SOCIAL_STATUSES] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * Statuses that are sensitive data (ILLNESS is health data, the social codes are family circumstances,
 * DESIGN.md §3), and the general status each stands as wherever the sensitive one may not go: to a caller
 * without the sensitive category, and in every event the journal publishes (so no notice can ever name it).
 */
export const SENSITIVE_STATUSES = ["ILLNESS", ...SOCIAL_STATUSES] as const satisfies readonly AttendanceStatus[];
export type SensitiveStatus = (typeof SENSITIVE_STATUSES)[number];
export const GENERAL_STATUS = "ABSENT_EXCUSED" satisfies AttendanceStatus;

export const isSensitiveStatus = (status: AttendanceStatus): status is SensitiveStatus =>
  (SENSITIVE_STATUSES as readonly AttendanceStatus[]).includes(status);

export const isSocialStatus = (status: AttendanceStatus): status is SocialStatus =>
  (SOCIAL_STATUSES as readonly AttendanceStatus[]).includes(status);

/** A student's attendance at one lesson; at most one per student and lesson. */
@Entity({ tableName: "attendance_marks" })
@Unique({ properties: ["lessonId", "studentId"] })
@Index({ properties: ["studentId", "date"] })
// The attendance report reads a class's marks over a range from this index alone (no table rows).
@Index({ properties: ["classId", "date", "status", "lessonId"] })
export class AttendanceMark {
  [OptionalProps]?: "recordedAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  lessonId: string;

  @Property({ type: "string", length: 36 })
  studentId: string;

  /** Copied from the lesson so per-student and per-class ranges need no join. */
  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Property({ type: "string", length: 10 })
  date: string;

  @Enum({ items: () => [...ATTENDANCE_STATUSES], type: "string" })
  status: AttendanceStatus;

  @Property({ type: "string", length: 500, nullable: true })
  reason?: string | null;

  @Property({ type: "string", length: 36, nullable: true })
  recordedById?: string | null;

  @Property({ type: "datetime" })
  recordedAt: Date = now();
}
