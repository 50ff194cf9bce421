/** The GraphQL face of the academic calendar, timetables, lesson changes and homework history. */
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../../../shared/scalars.js";
import { LessonType } from "./index.js";
import { BREAK_KINDS, TERM_KINDS, WEEKDAY_NAMES, type BreakKind, type TermKind, type WeekdayName } from "../calendar/school-days.js";

const asEnum = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const TermKindEnum = asEnum<TermKind>(TERM_KINDS);
export const BreakKindEnum = asEnum<BreakKind>(BREAK_KINDS);
export const WeekdayEnum = asEnum<WeekdayName>(WEEKDAY_NAMES);
// One enum for the calendar's terms and the term marks kept by them.
registerEnumType(TermKindEnum, { name: "TermKind", description: "Grades 1–9 keep quarters, grades 10–11 half-years" });
registerEnumType(BreakKindEnum, { name: "BreakKind" });
registerEnumType(WeekdayEnum, { name: "Weekday", description: "The school week: Monday to Saturday" });

@ObjectType("AcademicTerm")
export class AcademicTermType {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The year the school year starts in: 2026 for 2026/2027" })
  year: number;

  @Field(() => TermKindEnum)
  kind: TermKind;

  @Field(() => Int, { description: "1..4 for quarters, 1..2 for halves" })
  number: number;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar)
  endsOn: string;
}

@ObjectType("CalendarBreak", { description: "Days without lessons: a public holiday or a vacation" })
export class CalendarBreakType {
  @Field(() => BreakKindEnum)
  kind: BreakKind;

  /** In the caller's language (field resolver). */
  @Field(() => String)
  name: string;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar)
  endsOn: string;
}

@ObjectType("AcademicCalendar")
export class AcademicCalendarType {
  @Field(() => Int)
  year: number;

  @Field(() => DateScalar, { description: "First day of the first term" })
  startsOn: string;

  @Field(() => DateScalar, { description: "Last day of the last term" })
  endsOn: string;

  @Field(() => [AcademicTermType])
  terms: AcademicTermType[];

  @Field(() => [CalendarBreakType])
  holidays: CalendarBreakType[];

  @Field(() => [CalendarBreakType])
  vacations: CalendarBreakType[];
}

@InputType("AcademicTermInput")
export class AcademicTermInput {
  @Field(() => TermKindEnum)
  kind: TermKind;

  @Field(() => Int, { description: "1..4 for quarters, 1..2 for half-years" })
  number: number;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar)
  endsOn: string;
}

@InputType("CalendarBreakInput", { description: "A holiday or a vacation, named in the three languages of the journal" })
export class CalendarBreakInput {
  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar, { description: "The same day as startsOn for a one-day holiday" })
  endsOn: string;

  @Field(() => String)
  nameLatn: string;

  @Field(() => String)
  nameCyrl: string;

  @Field(() => String)
  nameRu: string;
}

@InputType("AcademicCalendarInput", {
  description: "A school year's whole calendar; replaces what the year had (days before today may not change)",
})
export class AcademicCalendarInput {
  @Field(() => Int, { description: "The year the school year starts in: 2027 for 2027/2028" })
  year: number;

  @Field(() => [AcademicTermInput], { description: "Four quarters (grades 1–9) and two half-years (grades 10–11)" })
  terms: AcademicTermInput[];

  @Field(() => [CalendarBreakInput], { description: "Public holidays on which there are no lessons, the moving ones included" })
  holidays: CalendarBreakInput[];

  @Field(() => [CalendarBreakInput])
  vacations: CalendarBreakInput[];
}

@ObjectType("TimetableEntry")
export class TimetableEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => WeekdayEnum)
  weekday: WeekdayName;

  @Field(() => Int, { description: "Lesson number in the day, 1..8" })
  period: number;

  @Field(() => String, { nullable: true })
  room?: string | null;
}

@ObjectType("Timetable", { description: "A class's weekly timetable for one term" })
export class TimetableType {
  @Field(() => AcademicTermType)
  term: AcademicTermType;

  @Field(() => [TimetableEntryType])
  entries: TimetableEntryType[];
}

@ObjectType("LessonGeneration", { description: "What generating a week's lessons did" })
export class LessonGenerationType {
  @Field(() => DateScalar, { description: "Monday of the week" })
  weekStartsOn: string;

  @Field(() => [LessonType], { description: "The lessons this call created" })
  created: LessonType[];

  @Field(() => Int, { description: "Timetable slots that already had their lesson, or whose time another lesson holds" })
  kept: number;
}

@ObjectType("HomeworkChange", { description: "One change of a lesson's homework" })
export class HomeworkChangeType {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar)
  changedAt: Date;

  @Field(() => String, { nullable: true })
  oldText?: string | null;

  @Field(() => String, { nullable: true })
  newText?: string | null;

  @Field(() => DateScalar, { nullable: true })
  oldDueOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  newDueOn?: string | null;
}

@InputType("TimetableEntryInput")
export class TimetableEntryInput {
  @Field(() => WeekdayEnum)
  weekday: WeekdayName;

  @Field(() => Int)
  period: number;

  @Field(() => ID)
  subjectId: string;

  @Field(() => ID)
  teacherId: string;

  @Field(() => String, { nullable: true })
  room?: string | null;
}

@InputType("SetTimetableInput")
export class SetTimetableInput {
  @Field(() => ID)
  classId: string;

  @Field(() => ID)
  termId: string;

  @Field(() => [TimetableEntryInput], { description: "The whole week; replaces what the term had (empty: none)" })
  entries: TimetableEntryInput[];
}

@ArgsType()
export class TimetableArgs {
  @Field(() => ID)
  classId: string;

  @Field(() => ID, { nullable: true, description: "Default: the class's current term, or the next one in a vacation" })
  termId?: string | null;
}

@ArgsType()
export class GenerateLessonsArgs {
  @Field(() => DateScalar, { description: "Any day of the week to generate" })
  weekOf: string;

  @Field(() => ID, { nullable: true, description: "Default: every class of the caller's school that has a timetable" })
  classId?: string | null;
}

@ArgsType()
export class MoveLessonArgs {
  @Field(() => ID)
  lessonId: string;

  @Field(() => DateScalar)
  date: string;

  @Field(() => Int)
  period: number;
}

@ArgsType()
export class CancelLessonArgs {
  @Field(() => ID)
  lessonId: string;

  @Field(() => String)
  reason: string;
}

@ArgsType()
export class AssignSubstituteArgs {
  @Field(() => ID)
  lessonId: string;

  @Field(() => ID, { nullable: true, description: "null gives the lesson back to its own teacher" })
  teacherId?: string | null;
}

@ArgsType()
export class SetLessonTopicArgs {
  @Field(() => ID)
  lessonId: string;

  @Field(() => String, { nullable: true })
  topic?: string | null;
}

@ArgsType()
export class SetHomeworkArgs {
  @Field(() => ID)
  lessonId: string;

  @Field(() => String, { nullable: true, description: "null or empty clears the homework" })
  text?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Default: the day of the class's next lesson of the subject" })
  dueOn?: string | null;
}

@ArgsType()
export class HomeworkHistoryArgs {
  @Field(() => ID)
  classId: string;

  @Field(() => DateScalar, { description: "Lesson days from" })
  from: string;

  @Field(() => DateScalar)
  to: string;
}
