import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";

export const GRADE_KINDS = ["CURRENT", "INTERMEDIATE", "QUARTER", "ANNUAL"] as const;
export type GradeKind = (typeof GRADE_KINDS)[number];

/** A mark 1..5. Current and intermediate marks belong to a lesson; term marks may not. */
@Entity({ tableName: "grades" })
@Index({ properties: ["studentId", "date"] })
@Index({ properties: ["classId", "subjectId", "date"] })
// Reports over every subject of a class.
@Index({ properties: ["classId", "date"] })
// One mark of a kind per student and lesson: recording again corrects it (term marks have no lesson).
@Unique({ properties: ["lessonId", "studentId", "kind"] })
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

  @Property({ type: "string", length: 10 })
  date: string;

  @Property({ type: "string", length: 500, nullable: true })
  comment?: string | null;

  @Property({ type: "string", length: 36, nullable: true })
  recordedById?: string | null;

  @Property({ type: "datetime" })
  recordedAt: Date = new Date();
}
