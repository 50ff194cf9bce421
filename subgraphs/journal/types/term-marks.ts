/** Term marks: the sheet a teacher sets them from, and the input that sets them. */
import { ArgsType, Directive, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { DateScalar } from "../../../shared/scalars.js";
import type { TermKind } from "../calendar/school-days.js";
import { ACADEMIC_PURPOSES, GradeEntryInput, GradeType } from "./index.js";
import { TermKindEnum } from "./schedule.js";

const TERM_DESCRIPTION = "The term's number in the year: 1–4 for quarters, 1–2 for half-years (grades 10–11)";
const YEAR_DESCRIPTION = "The calendar year the academic year starts in (2026 for 2026/2027); default: the current one";

@ObjectType("TermMarkSuggestion", { description: "One student's current marks of a term and the term mark they suggest" })
// Count, mean and suggestion are the student's marks restated: a block of the marks withholds them too.
@Directive(personalData("academic", ACADEMIC_PURPOSES, { derivedFrom: ["Grade"] }))
export class TermMarkSuggestionType {
  @Field(() => Int, { description: "Current and intermediate marks of the term" })
  marks: number;

  @Field(() => Float, { nullable: true, description: "Their mean; null without marks" })
  average?: number | null;

  @Field(() => Int, { nullable: true, description: "The mean rounded to a whole mark, halves up (3.5 → 4)" })
  suggested?: number | null;

  @Field(() => GradeType, { nullable: true, description: "The term mark already set, if any" })
  termMark?: GradeType | null;
}

@ObjectType("TermMarkSheet", { description: "A class's term in one subject, student by student" })
export class TermMarkSheetType {
  @Field(() => Int, { description: TERM_DESCRIPTION })
  term: number;

  @Field(() => TermKindEnum)
  termKind: TermKind;

  @Field(() => Int)
  academicYear: number;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar)
  endsOn: string;

  @Field(() => DateScalar, { description: "From this day on only the school's administration may change the term's marks" })
  lockedFrom: string;

  @Field(() => [TermMarkSuggestionType])
  rows: TermMarkSuggestionType[];
}

@ArgsType()
export class TermMarkSheetArgs {
  @Field(() => ID)
  classId: string;

  @Field(() => ID)
  subjectId: string;

  @Field(() => Int, { description: TERM_DESCRIPTION })
  term: number;

  @Field(() => Int, { nullable: true, description: YEAR_DESCRIPTION })
  year?: number | null;
}

@InputType("SetTermMarksInput")
export class SetTermMarksInput {
  @Field(() => ID)
  classId: string;

  @Field(() => ID)
  subjectId: string;

  @Field(() => Int, { description: TERM_DESCRIPTION })
  term: number;

  @Field(() => Int, { nullable: true, description: YEAR_DESCRIPTION })
  year?: number | null;

  @Field(() => [GradeEntryInput])
  entries: GradeEntryInput[];
}
