import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import { blockNamesIn } from "../../../shared/auth/enforce.js";
import type { ReportLevel } from "../../../shared/auth/report-scope.js";
import type { AuthedContext } from "../../../shared/context.js";
import type { TimelinessGrouping } from "../../../shared/federation/enums.js";
import type { JournalContext } from "../context.js";
import { attendanceFigures } from "../reports/attendance-report.js";
import { gradeFigures } from "../reports/grade-report.js";
import { prepareReport } from "../reports/request.js";
import { timelinessFigures } from "../reports/timeliness-report.js";
import {
  AttendanceReportArgs,
  AttendanceSummaryType,
  GradeReportArgs,
  GradeSummaryType,
  JournalTimelinessSummaryType,
  TimelinessReportArgs,
} from "../types/report.js";

type Ctx = AuthedContext<JournalContext>;

/** A unit none of whose classes has enough contributing pupils could single a child out: its figures stay hidden. */
const isSmallCell = (row: { shownClasses: number }): boolean => row.shownClasses === 0;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Aggregates for officials and school administrators (purpose REPORTING, own territory only). Each report
 * is one aggregate statement in the database; rows carry no personal data, and nothing here is logged.
 */
@Resolver()
export class ReportResolver {
  @Query(() => [AttendanceSummaryType])
  async attendanceReport(
    @Args(() => AttendanceReportArgs) args: AttendanceReportArgs,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AttendanceSummaryType[]> {
    const request = await prepareReport<ReportLevel>(ctx, args);
    const rows = await attendanceFigures(ctx.em, {
      ...request,
      blockNames: blockNamesIn(info.schema, "AttendanceMark"),
      minCellSize: ctx.services.minCellSize,
    });
    return rows.map((row) => {
      const base = { unitId: row.unitId, unitKind: request.groupBy };
      if (isSmallCell(row)) {
        return { ...base, students: null, lessons: null, absences: null, absenceRate: null, lateArrivals: null, suppressed: true };
      }
      return {
        ...base,
        students: row.students,
        lessons: row.lessons,
        absences: row.absences,
        absenceRate: ratio(row.absences, row.studentLessons),
        lateArrivals: row.late,
        suppressed: false,
      };
    });
  }

  @Query(() => [GradeSummaryType])
  async gradeReport(
    @Args(() => GradeReportArgs) args: GradeReportArgs,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<GradeSummaryType[]> {
    const request = await prepareReport<ReportLevel>(ctx, args);
    const rows = await gradeFigures(ctx.em, {
      ...request,
      blockNames: blockNamesIn(info.schema, "Grade"),
      minCellSize: ctx.services.minCellSize,
    });
    return rows.map((row) => {
      const base = { unitId: row.unitId, unitKind: request.groupBy };
      if (isSmallCell(row)) return { ...base, students: null, marks: null, averageMark: null, suppressed: true };
      return { ...base, students: row.students, marks: row.marks, averageMark: ratio(row.total, row.marks), suppressed: false };
    });
  }

  @Query(() => [JournalTimelinessSummaryType], {
    description:
      "Timely journal keeping: the share of lesson marks entered by 21:00 Asia/Tashkent on the lesson day, per region, " +
      "district, school or teacher of the scope. Same access as attendanceReport.",
  })
  async journalTimelinessReport(
    @Args(() => TimelinessReportArgs) args: TimelinessReportArgs,
    @Ctx() ctx: Ctx,
  ): Promise<JournalTimelinessSummaryType[]> {
    const request = await prepareReport<TimelinessGrouping>(ctx, args);
    const rows = await timelinessFigures(ctx.em, request);
    return rows.map((row) => ({
      unitId: row.unitId,
      unitKind: request.groupBy,
      teacher: request.groupBy === "TEACHER" ? { id: row.unitId } : null,
      marks: row.marks,
      marksOnTime: row.onTime,
      onTimeRate: ratio(row.onTime, row.marks),
    }));
  }
}
