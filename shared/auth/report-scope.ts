/**
 * Who may read aggregate reports over which part of the country (DESIGN.md §3: officials see students only
 * as aggregates, under REPORTING, and only of their own territory). One rule for every report, so the
 * attendance, grade and timeliness reports cannot drift apart.
 */
import { BadUserInputError, ForbiddenError } from "../errors.js";
import { parseId } from "../ids.js";
import type { Caller } from "./claims.js";
import { isPartner, partnerLevelOf } from "./partners.js";
import type { Role } from "./roles.js";

/** The territorial levels of a report, coarsest first. */
export const REPORT_LEVELS = ["REGION", "DISTRICT", "SCHOOL", "CLASS"] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

/** The scope of a national report: the country is no unit of the others and has no id. */
export const COUNTRY = "COUNTRY";
/** What a report may cover: the whole country (the ministry) or one unit of a level. */
export type ScopeLevel = typeof COUNTRY | ReportLevel;

/** The contract's ReportScope: exactly one of `country: true` and the four ids. */
export interface ReportScopeArg {
  country?: boolean | null;
  regionId?: string | null;
  districtId?: string | null;
  schoolId?: string | null;
  classId?: string | null;
}

/** The one unit a report covers; the country's id is COUNTRY. */
export interface ScopeUnit {
  level: ScopeLevel;
  id: string;
}

/** Where a unit lies: its own id and those of the units above it, as far as they are known. */
export interface UnitPlace {
  regionId?: string;
  districtId?: string;
  schoolId?: string;
  classId?: string;
}

const SCOPE_FIELDS: ReadonlyArray<[Exclude<keyof ReportScopeArg, "country">, ReportLevel]> = [
  ["regionId", "REGION"],
  ["districtId", "DISTRICT"],
  ["schoolId", "SCHOOL"],
  ["classId", "CLASS"],
];

const PLACE_FIELD: Record<ReportLevel, keyof UnitPlace> = {
  REGION: "regionId",
  DISTRICT: "districtId",
  SCHOOL: "schoolId",
  CLASS: "classId",
};

/** The level whose unit each reporting role answers for; the ministry answers for the whole country. */
const ROLE_LEVEL: Partial<Record<Role, ReportLevel>> = {
  REGION_OFFICIAL: "REGION",
  DISTRICT_OFFICIAL: "DISTRICT",
  SCHOOL_ADMIN: "SCHOOL",
};

/** The country is above every level (-1). */
const depth = (level: ScopeLevel): number => (level === COUNTRY ? -1 : REPORT_LEVELS.indexOf(level));

/**
 * The level whose unit the caller answers for, "COUNTRY" for the whole of it, undefined for a caller who
 * reads no reports. An integration partner answers for its scope, like the official or admin it works for.
 */
function reportLevelOf(caller: Caller): ReportLevel | "COUNTRY" | undefined {
  if (caller.role === "MINISTRY_OFFICIAL") return "COUNTRY";
  if (isPartner(caller)) {
    const level = partnerLevelOf(caller.org);
    return level === "MINISTRY" ? "COUNTRY" : level;
  }
  return ROLE_LEVEL[caller.role];
}

/** Reads the scope argument; anything but `country: true` or exactly one valid id is BAD_USER_INPUT. */
export function scopeUnitOf(scope: ReportScopeArg): ScopeUnit {
  const given = SCOPE_FIELDS.filter(([field]) => scope[field] !== undefined && scope[field] !== null);
  const country = scope.country !== undefined && scope.country !== null;
  if (given.length + (country ? 1 : 0) !== 1) {
    throw new BadUserInputError(
      "scope",
      `exactly one of country, regionId, districtId, schoolId, classId is needed, got ${given.length + (country ? 1 : 0)}`,
    );
  }
  if (country) {
    if (scope.country !== true) throw new BadUserInputError("scope.country", "country: true is the whole country; leave it out otherwise");
    return { level: COUNTRY, id: COUNTRY };
  }
  const [field, level] = given[0]!;
  return { level, id: parseId(scope[field]!, `scope.${field}`) };
}

/**
 * A report groups its scope by the scope's own level or any finer one (a district by district, school or
 * class); a coarser grouping would only restate the scope, so it is refused as a client mistake.
 * TEACHER (the timeliness report) is finer than every territorial level.
 */
export function checkGrouping(unit: ScopeUnit, groupBy: ReportLevel | "TEACHER"): void {
  if (groupBy === "TEACHER") return;
  if (depth(groupBy) < depth(unit.level)) {
    throw new BadUserInputError("groupBy", `a ${unit.level} scope groups by ${unit.level} or a finer level, not ${groupBy}`);
  }
}

/** What the scope argument itself says about where its unit lies (nothing above it; the country lies nowhere). */
export const placeOfScope = (unit: ScopeUnit): UnitPlace => (unit.level === COUNTRY ? {} : { [PLACE_FIELD[unit.level]]: unit.id });

/**
 * Whether `caller` may read reports over `unit`, given what is known of where the unit lies.
 * `true` / `false` decide; `undefined` means the unit lies below the caller's own level and the answer
 * needs the unit's place (the region or district or school it belongs to), which the caller looks up
 * and passes back in. A place that cannot be shown to lie in the caller's territory is refused.
 */
export function mayReport(caller: Caller, unit: ScopeUnit, place: UnitPlace = placeOfScope(unit)): boolean | undefined {
  if (caller.purpose !== "REPORTING") return false;
  const level = reportLevelOf(caller);
  if (level === "COUNTRY") return true;
  if (!level) return false;
  // A unit wider than the caller's own (a region for a district official, the country for anyone below the
  // ministry) is never theirs.
  if (unit.level === COUNTRY || depth(unit.level) < depth(level)) return false;
  const own = caller.org[PLACE_FIELD[level] as "regionId" | "districtId" | "schoolId"];
  if (!own) return false;
  const actual = place[PLACE_FIELD[level]];
  if (actual === undefined) return depth(unit.level) > depth(level) ? undefined : false;
  return actual === own;
}

/** Whether the caller may read reports at all, whatever the scope: FORBIDDEN for any other role or purpose. */
export function assertReportingCaller(caller: Caller): void {
  if (caller.purpose !== "REPORTING") throw new ForbiddenError("Reports are read under the purpose REPORTING");
  if (!reportLevelOf(caller)) {
    throw new ForbiddenError("Reports are for education officials, school administrators and their reporting partners");
  }
}

/** `mayReport` as a guard: FORBIDDEN unless the caller's territory contains the unit (an unknown place, null, never does). */
export function assertMayReport(caller: Caller, unit: ScopeUnit, place?: UnitPlace | null): void {
  assertReportingCaller(caller);
  if (mayReport(caller, unit, place ?? placeOfScope(unit)) !== true) {
    throw new ForbiddenError("Reports cover only the caller's own territory or school");
  }
}
