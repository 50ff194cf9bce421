/**
 * The GraphQL face of the reports. Rows are federation entities keyed by their unit (`unitId unitKind`):
 * the journal computes the figures, institutions answers `unitName`, so names never get copied here.
 * The journal cannot find a row by its key (figures depend on the arguments), hence `resolvable: false`.
 */
import { ArgsType, Directive, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { ReportLevel } from "../../../shared/auth/report-scope.js";
import { ReportGroupingEnum, TimelinessGroupingEnum, type TimelinessGrouping } from "../../../shared/federation/enums.js";
import { DateScalar } from "../../../shared/scalars.js";
import { UserRef } from "./index.js";

const ROW_KEY = '@key(fields: "unitId unitKind", resolvable: false)';

@InputType("ReportScope", {
  description: "Exactly one of the five: `country: true` (the whole country, for the ministry) or one unit's id",
})
// Not @oneOf: graphql 16.15 knows it, but Apollo composition 2.14.4 rejects it ("Unknown directive"), so
// scopeUnitOf (shared/auth/report-scope.ts) enforces "exactly one" with BAD_USER_INPUT instead.
export class ReportScopeInput {
  @Field(() => Boolean, { nullable: true, description: "true: the whole country (the ministry and its reporting partners)" })
  country?: boolean;

  @Field(() => ID, { nullable: true })
  regionId?: string;

  @Field(() => ID, { nullable: true })
  districtId?: string;

  @Field(() => ID, { nullable: true })
  schoolId?: string;

  @Field(() => ID, { nullable: true })
  classId?: string;
}

@ObjectType("AttendanceSummary", {
  description:
    "Attendance of one unit over the range. students: distinct students on the rosters of the unit's classes during the range. " +
    "lessons: lessons with attendance taken, summed over the unit's classes. absences: unexcused, excused and illness marks " +
    "(LATE is a presence, counted in lateArrivals). absenceRate: absences / Σ over classes (students × lessons), which for a " +
    "class is absences / (students × lessons). A unit of fewer students than the minimum cell size has suppressed: true and every figure null.",
})
@Directive(ROW_KEY)
export class AttendanceSummaryType {
  @Field(() => ID)
  unitId: string;

  @Field(() => ReportGroupingEnum, { description: "What unitId names: the report's groupBy" })
  unitKind: ReportLevel;

  @Field(() => Int, { nullable: true })
  students: number | null;

  @Field(() => Int, { nullable: true })
  lessons: number | null;

  @Field(() => Int, { nullable: true })
  absences: number | null;

  @Field(() => Float, { nullable: true, description: "Null also when no lesson had attendance taken" })
  absenceRate: number | null;

  @Field(() => Int, { nullable: true, description: "LATE marks: present, but late" })
  lateArrivals: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType("GradeSummary", {
  description:
    "Marks of one unit over the range: current and intermediate marks (term marks restate them), of one subject when asked. " +
    "students: distinct students on the rosters of the unit's classes during the range. Suppressed as AttendanceSummary.",
})
@Directive(ROW_KEY)
export class GradeSummaryType {
  @Field(() => ID)
  unitId: string;

  @Field(() => ReportGroupingEnum, { description: "What unitId names: the report's groupBy" })
  unitKind: ReportLevel;

  @Field(() => Int, { nullable: true })
  students: number | null;

  @Field(() => Int, { nullable: true })
  marks: number | null;

  @Field(() => Float, { nullable: true, description: "Null also when the unit has no marks in the range" })
  averageMark: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType("JournalTimelinessSummary", {
  description:
    "Timely journal keeping of one unit: lesson marks entered (last written) by 21:00 Asia/Tashkent on the lesson day. " +
    "Facts about staff work, not about students, so never suppressed. A TEACHER row names the teacher of the lessons.",
})
@Directive(ROW_KEY)
export class JournalTimelinessSummaryType {
  @Field(() => ID)
  unitId: string;

  @Field(() => TimelinessGroupingEnum)
  unitKind: TimelinessGrouping;

  @Field(() => UserRef, { nullable: true, description: "TEACHER rows: the teacher (their name is personal data, released by the policy)" })
  teacher: UserRef | null;

  @Field(() => Int, { description: "Marks of the unit's lessons in the range" })
  marks: number;

  @Field(() => Int, { description: "Of those, entered by 21:00 Tashkent time on the lesson day" })
  marksOnTime: number;

  @Field(() => Float, { nullable: true, description: "marksOnTime / marks; null without marks" })
  onTimeRate: number | null;
}

@ArgsType()
export class AttendanceReportArgs {
  @Field(() => ReportScopeInput)
  scope: ReportScopeInput;

  @Field(() => ReportGroupingEnum, { description: "The scope's own level or a finer one" })
  groupBy: ReportLevel;

  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;

  @Field(() => Int, {
    nullable: true,
    description: "1..4: only that quarter of the academic year `from` falls in, within from..to",
  })
  quarter?: number | null;
}

@ArgsType()
export class GradeReportArgs extends AttendanceReportArgs {
  @Field(() => ID, { nullable: true })
  subjectId?: string | null;
}

@ArgsType()
export class TimelinessReportArgs {
  @Field(() => ReportScopeInput)
  scope: ReportScopeInput;

  @Field(() => TimelinessGroupingEnum, { description: "The scope's own level or a finer one; TEACHER for any scope" })
  groupBy: TimelinessGrouping;

  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;

  @Field(() => Int, { nullable: true, description: "As in attendanceReport" })
  quarter?: number | null;

  @Field(() => ID, { nullable: true })
  subjectId?: string | null;
}
