/** The history of journal cells, as the school's administration reads it. */
import { ArgsType, Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { personalData, sensitiveValues } from "../../../shared/auth/personal-data.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { DateScalar, DateTimeScalar } from "../../../shared/scalars.js";
import { GENERAL_STATUS, JOURNAL_CELLS, SENSITIVE_STATUSES, type JournalCell } from "../entities/index.js";
import { GradeKindEnum } from "./index.js";

/**
 * History is read to oversee journal keeping (JOURNAL) or to administer the school (ADMINISTRATION); the
 * matrix gives the category "history" to the school's administration only (and, as all data, to the
 * student themself).
 */
export const HISTORY_PURPOSES: readonly Purpose[] = ["JOURNAL", "ADMINISTRATION"];

export const JournalCellEnum = Object.fromEntries(JOURNAL_CELLS.map((c) => [c, c])) as { [K in JournalCell]: K };
registerEnumType(JournalCellEnum, { name: "JournalCell", description: "Which kind of journal cell a change is about" });

@ObjectType("JournalChange", { description: "One change of a mark or an attendance mark: who, when, before and after" })
@Directive(personalData("history", HISTORY_PURPOSES))
export class JournalChangeType {
  @Field(() => ID)
  id: string;

  @Field(() => JournalCellEnum)
  cell: JournalCell;

  @Field(() => ID, { description: "The Grade or AttendanceMark changed" })
  cellId: string;

  @Field(() => GradeKindEnum, { nullable: true, description: "Grades: the mark's kind" })
  gradeKind?: string | null;

  @Field(() => DateScalar, { description: "The cell's date: the lesson day, or a term mark's last day of term" })
  date: string;

  /** A mark "1".."5" or an attendance status; a sensitive status reads as ABSENT_EXCUSED to whoever may not see it. */
  @Field(() => String, { nullable: true, description: "Before the change; null when the change created the cell" })
  @Directive(sensitiveValues(SENSITIVE_STATUSES, GENERAL_STATUS))
  oldValue?: string | null;

  @Field(() => String, { nullable: true, description: "After the change; null when the change removed the cell" })
  @Directive(sensitiveValues(SENSITIVE_STATUSES, GENERAL_STATUS))
  newValue?: string | null;

  /** A grade's comment or an absence's reason: an absence's reason may be health data, so both count as sensitive. */
  @Field(() => String, { nullable: true })
  @Directive(personalData("sensitive", HISTORY_PURPOSES))
  oldNote?: string | null;

  @Field(() => String, { nullable: true })
  @Directive(personalData("sensitive", HISTORY_PURPOSES))
  newNote?: string | null;

  /**
   * Why the remover took the mark away (a slip of the hand, the wrong pupil): about the record, not the
   * pupil's health or family, so it is history like the rest of the row, read by whoever oversees the journal.
   */
  @Field(() => String, { nullable: true, description: "Why a mark was removed; null for other changes" })
  reason?: string | null;

  @Field(() => DateTimeScalar)
  changedAt: Date;
}

@ArgsType()
export class JournalHistoryArgs {
  @Field(() => ID)
  classId: string;

  @Field(() => DateScalar, { description: "The cells' date: lessons of that day (and term marks of a term ending that day)" })
  date: string;
}
