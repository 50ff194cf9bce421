import { Entity, Enum, Index, PrimaryKey, Property } from "@mikro-orm/core";

export const JOURNAL_CELLS = ["GRADE", "ATTENDANCE"] as const;
export type JournalCell = (typeof JOURNAL_CELLS)[number];

/**
 * One change of one journal cell (a mark or an attendance mark): who, when, the value before and after
 * (DESIGN.md §4). Written in the transaction that changes the cell; never updated by the API, and read by
 * the school's administration only. `oldValue` null: the cell was created; `newValue` null: it was removed.
 */
@Entity({ tableName: "journal_changes" })
@Index({ properties: ["classId", "date"] })
export class JournalChange {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Enum({ items: () => [...JOURNAL_CELLS], type: "string" })
  cell: JournalCell;

  /** The grade or attendance mark changed. */
  @Index()
  @Property({ type: "string", length: 36 })
  cellId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  studentId: string;

  /** Copied from the cell, so the class-and-date query needs no join. */
  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Property({ type: "string", length: 36, nullable: true })
  lessonId?: string | null;

  /** The cell's date (the lesson day, or a term mark's term end). */
  @Property({ type: "string", length: 10 })
  date: string;

  /** Grades: the mark's kind. */
  @Property({ type: "string", length: 20, nullable: true })
  gradeKind?: string | null;

  /** A mark "1".."5" or an attendance status. */
  @Property({ type: "string", length: 30, nullable: true })
  oldValue?: string | null;

  @Property({ type: "string", length: 30, nullable: true })
  newValue?: string | null;

  /** A grade's comment or an absence's reason, before and after. */
  @Property({ type: "string", length: 500, nullable: true })
  oldNote?: string | null;

  @Property({ type: "string", length: 500, nullable: true })
  newNote?: string | null;

  /** Why a mark was removed (a removal must say why); null for other changes. */
  @Property({ type: "string", length: 300, nullable: true })
  reason?: string | null;

  @Property({ type: "string", length: 36 })
  changedById: string;

  @Property({ type: "datetime" })
  changedAt: Date;
}
