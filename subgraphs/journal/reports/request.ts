/**
 * What every report does before its one aggregate statement: read and check the arguments, resolve a
 * quarter to dates, and decide whether the caller's territory contains the scope (shared/auth/report-scope.ts).
 */
import {
  assertMayReport,
  assertReportingCaller,
  checkGrouping,
  COUNTRY,
  mayReport,
  REPORT_LEVELS,
  scopeUnitOf,
  type ReportLevel,
  type ReportScopeArg,
  type ScopeLevel,
  type ScopeUnit,
  type UnitPlace,
} from "../../../shared/auth/report-scope.js";
import type { AuthedContext } from "../../../shared/context.js";
import { addDays } from "../../../shared/days.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { ClassPlace } from "../entities/index.js";
import { checkRange, MAX_RANGE_DAYS } from "../lessons/input-rules.js";

export interface ReportArgs<G extends string> {
  scope: ReportScopeArg;
  groupBy: G;
  from: string;
  to: string;
  quarter?: number | null;
  subjectId?: string | null;
}

/** A checked, authorised report request. */
export interface ReportRequest<G extends string> {
  unit: ScopeUnit;
  groupBy: G;
  from: string;
  to: string;
  subjectId?: string;
  /**
   * Block names of the report's rows (enforce.ts `blockNamesIn`): a pupil who blocked their marks or
   * attendance is left out of every figure computed from them.
   */
  blockNames?: readonly string[];
  /**
   * A class whose figure rests on fewer contributing pupils than this is suppressed, and left out of
   * every coarser total too (README "Reports", small cells).
   */
  minCellSize?: number;
}

/**
 * The range widened to whole Monday–Sunday weeks: the finest time grain a report answers in, so two
 * ranges a day apart cannot be subtracted to isolate one day's marks.
 */
export function wholeWeeks(from: string, to: string): { from: string; to: string } {
  const weekday = (day: string): number => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return { from: addDays(from, -weekday(from)), to: addDays(to, 6 - weekday(to)) };
}

/** The class_places column holding each level's id; reports group and filter by these, never by client text. */
export const PLACE_COLUMN: Record<ReportLevel, string> = {
  REGION: "region_id",
  DISTRICT: "district_id",
  SCHOOL: "school_id",
  CLASS: "class_id",
};

/**
 * What a report's statement compares with the scope's id (its one parameter): the unit's column of
 * class_places, or for the whole country a constant equal to the country's id, so every class is in.
 */
export const scopeColumn = (level: ScopeLevel, alias?: string): string =>
  level === COUNTRY ? `'${COUNTRY}'` : `${alias ? `${alias}.` : ""}${PLACE_COLUMN[level]}`;

const PLACE_FIELDS: Record<ReportLevel, keyof UnitPlace & keyof ClassPlace> = {
  REGION: "regionId",
  DISTRICT: "districtId",
  SCHOOL: "schoolId",
  CLASS: "classId",
};

/**
 * Where the scope's unit lies, from the journal's replica of class places: any one class of the unit
 * tells its region, district and school. Null when the journal holds no class of it.
 */
async function placeOf(ctx: JournalContext, unit: ScopeUnit): Promise<UnitPlace | null> {
  if (unit.level === COUNTRY) return {};
  const row =
    unit.level === "CLASS"
      ? await ctx.loaders.classPlace.load(unit.id)
      : await ctx.em.findOne(ClassPlace, { [PLACE_FIELDS[unit.level]]: unit.id });
  if (!row) return null;
  // Only the unit and the units above it: a district's row also names one of its schools, which says nothing.
  const levels = REPORT_LEVELS.slice(0, REPORT_LEVELS.indexOf(unit.level) + 1);
  return Object.fromEntries(levels.map((level) => [PLACE_FIELDS[level], row[PLACE_FIELDS[level]]]));
}

export async function prepareReport<G extends ReportLevel | "TEACHER">(
  ctx: AuthedContext<JournalContext>,
  args: ReportArgs<G>,
): Promise<ReportRequest<G>> {
  // A caller who may read no report at all hears so before anything about their arguments.
  assertReportingCaller(ctx.caller);
  const unit = scopeUnitOf(args.scope);
  checkGrouping(unit, args.groupBy);
  checkRange(args.from, args.to, MAX_RANGE_DAYS);
  const range =
    args.quarter === undefined || args.quarter === null
      ? args
      : (await ctx.loaders.calendar()).quarterWithin(args.quarter, args.from, args.to);
  const subjectId = args.subjectId ? parseId(args.subjectId, "subjectId") : undefined;
  const weeks = wholeWeeks(range.from, range.to);
  // The claims decide when the scope is at or above the caller's own level; below it, the unit's place does.
  const decided = mayReport(ctx.caller, unit);
  assertMayReport(ctx.caller, unit, decided === undefined ? await placeOf(ctx, unit) : undefined);
  return { unit, groupBy: args.groupBy, from: weeks.from, to: weeks.to, subjectId };
}
