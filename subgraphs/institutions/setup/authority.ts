/**
 * Who may set up what (DESIGN.md §7). The relationships themselves (school admin of a school, official over
 * a territory) are decided once in shared/auth/relationships.ts; this only looks up the unit an operation
 * acts on. Anyone of the wrong role is refused before an id they sent is looked up, so a refusal tells
 * them nothing about what exists.
 */
import { administersSchool, governsUnit } from "../../../shared/auth/relationships.js";
import type { Role } from "../../../shared/auth/roles.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { InstitutionsContext } from "../context.js";
import type { District, School, SchoolClass } from "../entities/index.js";

export type Ctx = AuthedContext<InstitutionsContext>;

export function assertRole(ctx: Ctx, roles: readonly Role[], what: string): void {
  if (!roles.includes(ctx.caller.role)) throw new ForbiddenError(`Only ${roles.join(" or ")} may ${what}`);
}

/** The school, if the caller is its administration. */
export async function administeredSchool(ctx: Ctx, schoolIdArg: string, field = "schoolId"): Promise<School> {
  assertRole(ctx, ["SCHOOL_ADMIN"], "manage a school");
  const school = await ctx.loaders.school.load(parseId(schoolIdArg, field));
  if (!school) throw new NotFoundError("School");
  if (!administersSchool(ctx.caller, { schoolId: school.id, districtId: school.districtId, regionId: school.regionId })) {
    throw new ForbiddenError("This school is not yours");
  }
  return school;
}

/** A class of a school the caller administers, with its school. */
export async function administeredClass(
  ctx: Ctx,
  classIdArg: string,
  field = "classId",
): Promise<{ schoolClass: SchoolClass; school: School }> {
  assertRole(ctx, ["SCHOOL_ADMIN"], "manage a school");
  const schoolClass = await ctx.loaders.schoolClass.load(parseId(classIdArg, field));
  if (!schoolClass) throw new NotFoundError("SchoolClass");
  const school = await administeredSchool(ctx, schoolClass.schoolId);
  return { schoolClass, school };
}

/** A district under the calling official (the ministry: any). */
export async function governedDistrict(ctx: Ctx, districtIdArg: string): Promise<District> {
  assertRole(ctx, ["MINISTRY_OFFICIAL", "REGION_OFFICIAL", "DISTRICT_OFFICIAL"], "create a school");
  const district = await ctx.loaders.district.load(parseId(districtIdArg, "input.districtId"));
  if (!district) throw new NotFoundError("District");
  if (!governsUnit(ctx.caller, { districtId: district.id, regionId: district.regionId })) {
    throw new ForbiddenError("This district is outside your territory");
  }
  return district;
}
