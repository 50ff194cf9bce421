import { Args, Query, Resolver } from "type-graphql";
import { NotImplementedError } from "../../../shared/errors.js";
import { AttendanceReportArgs, AttendanceSummaryType, GradeReportArgs, GradeSummaryType } from "../types/index.js";

/** Aggregates for officials: in the contract now, computed by a later milestone (never made-up figures). */
@Resolver()
export class ReportResolver {
  @Query(() => [AttendanceSummaryType])
  attendanceReport(@Args(() => AttendanceReportArgs) _args: AttendanceReportArgs): AttendanceSummaryType[] {
    throw new NotImplementedError("attendanceReport");
  }

  @Query(() => [GradeSummaryType])
  gradeReport(@Args(() => GradeReportArgs) _args: GradeReportArgs): GradeSummaryType[] {
    throw new NotImplementedError("gradeReport");
  }
}
