import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import { blockNamesIn } from "../../../shared/auth/enforce.js";
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<AttendanceDay[]> {
    // The counts are derived from each pupil's attendance marks: a pupil who blocked them is left out.
    return classAttendanceSummary(ctx, args, blockNamesIn(info.schema, "AttendanceMark"));
  }
}
