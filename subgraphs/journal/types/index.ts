/** The GraphQL face of the journal. Links to other entities are field resolvers in ../resolvers. */
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { personalData, sensitiveValues } from "../../../shared/auth/personal-data.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { DateScalar, DateTimeScalar } from "../../../shared/scalars.js";
import {
  ATTENDANCE_STATUSES,
  GENERAL_STATUS,
  GRADE_KINDS,
  SENSITIVE_STATUSES,
  type AttendanceStatus,
  type GradeKind,
} from "../entities/index.js";

/** Marks and attendance are read to keep the journal, to inform parents, and by the student themself. */
export const ACADEMIC_PURPOSES: readonly Purpose[] = ["JOURNAL", "PARENT_NOTIFICATION", "SELF_SERVICE"];

const asEnum = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const GradeKindEnum = asEnum<GradeKind>(GRADE_KINDS);
export const AttendanceStatusEnum = asEnum<AttendanceStatus>(ATTENDANCE_STATUSES);

registerEnumType(GradeKindEnum, { name: "GradeKind" });
registerEnumType(AttendanceStatusEnum, { name: "AttendanceStatus" });

/* Stubs of entities owned by other subgraphs: the key only. */

@ObjectType("Subject")
@Directive('@key(fields: "id")')
export class SubjectRef {
  @Field(() => ID)
  id: string;
}

@ObjectType("SchoolClass")
@Directive('@key(fields: "id")')
export class SchoolClassRef {
  @Field(() => ID)
  id: string;
}

/** The users subgraph owns User; here it gains grades and attendance. */
@ObjectType("User")
@Directive('@key(fields: "id")')
export class UserRef {
  @Field(() => ID)
  id: string;
}

/* The journal's own types. */

@ObjectType("Lesson")
@Directive('@key(fields: "id")')
export class LessonType {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  date: string;

  @Field(() => Int, { description: "Lesson number in the day, 1..8" })
  period: number;

  @Field(() => String, { nullable: true })
  topic?: string | null;

  @Field(() => String, { nullable: true })
  homework?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When the homework is due" })
  homeworkDueOn?: string | null;

  @Field(() => String, { nullable: true })
  room?: string | null;

  @Field(() => Boolean, { description: "A cancelled lesson stays in the journal and takes no marks" })
  cancelled: boolean;

  /** Resolved in LessonResolver: only the class's own people read it. */
  cancelReason?: string | null;
}

@ObjectType("Grade")
@Directive('@key(fields: "id")')
@Directive(personalData("academic", ACADEMIC_PURPOSES))
export class GradeType {
  @Field(() => ID)
  id: string;

  @Field(() => GradeKindEnum)
  kind: GradeKind;

  @Field(() => Int, { description: "1..5" })
  value: number;

  @Field(() => DateScalar)
  date: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;

  @Field(() => DateTimeScalar)
  recordedAt: Date;
}

@ObjectType("AttendanceMark")
@Directive(personalData("academic", ACADEMIC_PURPOSES))
export class AttendanceMarkType {
  @Field(() => ID)
  id: string;

  /** ILLNESS is health data: callers without the sensitive category see it as an excused absence. */
  @Field(() => AttendanceStatusEnum)
  @Directive(sensitiveValues(SENSITIVE_STATUSES, GENERAL_STATUS))
  status: AttendanceStatus;

  /** Sick notes and family circumstances: sensitive whatever the status. */
  @Field(() => String, { nullable: true })
  @Directive(personalData("sensitive", ACADEMIC_PURPOSES))
  reason?: string | null;
}

@ObjectType("JournalRow")
export class JournalRowType {
  @Field(() => UserRef)
  student: UserRef;

  @Field(() => [GradeType], { nullable: true })
  grades: GradeType[];

  @Field(() => [AttendanceMarkType], { nullable: true })
  attendance: AttendanceMarkType[];
}

@ObjectType("ClassJournal")
export class ClassJournalType {
  @Field(() => SchoolClassRef)
  schoolClass: SchoolClassRef;

  @Field(() => SubjectRef)
  subject: SubjectRef;

  @Field(() => [LessonType])
  lessons: LessonType[];

  @Field(() => [JournalRowType])
  rows: JournalRowType[];
}

/* Mutation inputs. */

@InputType("GradeEntry")
export class GradeEntryInput {
  @Field(() => ID)
  studentId: string;

  @Field(() => Int)
  value: number;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType("RecordGradesInput")
export class RecordGradesInput {
  @Field(() => ID)
  lessonId: string;

  @Field(() => GradeKindEnum)
  kind: GradeKind;

  @Field(() => [GradeEntryInput])
  entries: GradeEntryInput[];
}

@InputType("RemoveGradeInput")
export class RemoveGradeInput {
  @Field(() => ID, { description: "A lesson mark (CURRENT or INTERMEDIATE)" })
  gradeId: string;

  @Field(() => String, { description: "Why it is removed (kept in the mark's history; at most 300 characters)" })
  reason: string;
}

@InputType("AttendanceEntry")
export class AttendanceEntryInput {
  @Field(() => ID)
  studentId: string;

  @Field(() => AttendanceStatusEnum)
  status: AttendanceStatus;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType("RecordAttendanceInput")
export class RecordAttendanceInput {
  @Field(() => ID)
  lessonId: string;

  @Field(() => [AttendanceEntryInput])
  entries: AttendanceEntryInput[];
}

/* Argument sets, as classes so the SDL lists them in the contract's order. */

@ArgsType()
export class LessonsArgs {
  @Field(() => ID)
  classId: string;

  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;
}

@ArgsType()
export class MyLessonsArgs {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar, { description: "At most 42 days after from" })
  to: string;
}

@ArgsType()
export class ClassJournalArgs {
  @Field(() => ID)
  classId: string;

  @Field(() => ID)
  subjectId: string;

  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;
}

@ArgsType()
export class StudentGradesArgs {
  @Field(() => DateScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true })
  to?: string | null;

  @Field(() => ID, { nullable: true })
  subjectId?: string | null;
}

@ArgsType()
export class StudentAttendanceArgs {
  @Field(() => DateScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true })
  to?: string | null;
}
