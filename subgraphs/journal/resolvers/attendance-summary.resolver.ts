import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { classAttendanceSummary, type AttendanceDay } from "../attendance/attendance-summary.js";
import type { JournalContext } from "../context.js";
import { ClassAttendanceDayType, ClassAttendanceSummaryArgs } from "../types/attendance-summary.js";

@Resolver()
export class AttendanceSummaryResolver {
  @Query(() => [ClassAttendanceDayType], {
    description:
      "A class's attendance day by day: lessons, marks per status, share present (the school's administration and the class's teachers)",
  })
  classAttendanceSummary(
    @Args(() => ClassAttendanceSummaryArgs) args: ClassAttendanceSummaryArgs,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<AttendanceDay[]> {
    return classAttendanceSummary(ctx, args);
  }
}
