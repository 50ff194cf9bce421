import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

export const GRADE_KINDS = ["CURRENT", "INTERMEDIATE", "QUARTER", "ANNUAL"] as const;
export type GradeKind = (typeof GRADE_KINDS)[number];

/**
 * A mark 1..5. Current and intermediate marks belong to a lesson. Term marks (QUARTER: a quarter, or in
 * grades 10–11 a half-year; ANNUAL: the year) belong to no lesson: they carry the term's key instead and
 * are dated on the term's last day.
 */
@Entity({ tableName: "grades" })
@Index({ properties: ["studentId", "date"] })
@Index({ properties: ["classId", "subjectId", "date"] })
// Reports over every subject of a class.
@Index({ properties: ["classId", "date"] })
// One mark of a kind per student and lesson: recording again corrects it (term marks have no lesson).
@Unique({ properties: ["lessonId", "studentId", "kind"] })
// One term mark per student, subject and term (lesson marks have no term key; NULLs never collide).
@Unique({ properties: ["studentId", "subjectId", "termKey"] })
export class Grade {
  [OptionalProps]?: "recordedAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  studentId: string;

  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Index()
  @Property({ type: "string", length: 36, nullable: true })
  lessonId?: string | null;

  @Enum({ items: () => [...GRADE_KINDS], type: "string" })
  kind: GradeKind;

  @Property({ type: "integer" })
  value: number;

  /** QUARTER marks: the term's number (1..4, or 1..2 for a half-year); null otherwise. */
  @Property({ type: "integer", nullable: true })
  term?: number | null;

  /** Term marks: "2026-Q2", "2026-H1", "2026-Y" (annual); null for lesson marks. See ../terms.ts. */
  @Property({ type: "string", length: 10, nullable: true })
  termKey?: string | null;

  @Property({ type: "string", length: 10 })
  date: string;

  @Property({ type: "string", length: 500, nullable: true })
  comment?: string | null;

  @Property({ type: "string", length: 36, nullable: true })
  recordedById?: string | null;

  @Property({ type: "datetime" })
  recordedAt: Date = now();
}
