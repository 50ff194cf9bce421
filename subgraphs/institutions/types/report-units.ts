/**
 * Report rows are computed by the journal; institutions contributes each row's `unitName`, keyed by the
 * unit (`unitId unitKind`), in the caller's script. Only the key and the name live here.
 */
import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { ReportLevel } from "../../../shared/auth/report-scope.js";
import { ReportGroupingEnum, TimelinessGroupingEnum, type TimelinessGrouping } from "../../../shared/federation/enums.js";

const ROW_KEY = '@key(fields: "unitId unitKind")';

@ObjectType("AttendanceSummary")
@Directive(ROW_KEY)
export class AttendanceSummaryUnit {
  @Field(() => ID)
  unitId: string;

  @Field(() => ReportGroupingEnum)
  unitKind: ReportLevel;

  @Field(() => String, { description: 'The unit\'s name; a class as "5-A (school)"' })
  unitName: string;
}

@ObjectType("GradeSummary")
@Directive(ROW_KEY)
export class GradeSummaryUnit {
  @Field(() => ID)
  unitId: string;

  @Field(() => ReportGroupingEnum)
  unitKind: ReportLevel;

  @Field(() => String, { description: 'The unit\'s name; a class as "5-A (school)"' })
  unitName: string;
}

@ObjectType("JournalTimelinessSummary")
@Directive(ROW_KEY)
export class JournalTimelinessSummaryUnit {
  @Field(() => ID)
  unitId: string;

  @Field(() => TimelinessGroupingEnum)
  unitKind: TimelinessGrouping;

  @Field(() => String, {
    nullable: true,
    description: "The region's, district's or school's name; null for a teacher, whose name is personal data (ask teacher.fullName)",
  })
  unitName: string | null;
}

/** The row types, for the schema's orphaned types (no query of this subgraph returns them). */
export const REPORT_UNIT_TYPES = [AttendanceSummaryUnit, GradeSummaryUnit, JournalTimelinessSummaryUnit];
