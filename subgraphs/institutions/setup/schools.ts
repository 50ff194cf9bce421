/** An official opens a school in their territory and names its first administration (DESIGN.md §7). */
import { randomUUID } from "node:crypto";
import { MEMBERSHIP_STARTED, type MembershipStarted } from "../../../shared/events/contracts/institutions.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { tashkentDay } from "../../../shared/days.js";
import { parseId } from "../../../shared/ids.js";
import { School, StaffMembership } from "../entities/index.js";
import { governedDistrict, type Ctx } from "./authority.js";
import { checkName } from "./names.js";

export interface CreateSchoolInput {
  districtId: string;
  name: string;
  nameCyrl?: string | null;
  adminUserId: string;
  startsOn?: string | null;
}

export async function createSchool(ctx: Ctx, input: CreateSchoolInput): Promise<School> {
  const district = await governedDistrict(ctx, input.districtId);
  const nameLatn = checkName(input.name, "input.name");
  const nameCyrl = input.nameCyrl ? checkName(input.nameCyrl, "input.nameCyrl") : undefined;
  const adminUserId = parseId(input.adminUserId, "input.adminUserId");
  const startsOn = input.startsOn ?? tashkentDay();
  const clash = await ctx.em.count(School, { districtId: district.id, nameLatn });
  if (clash > 0) throw new BadUserInputError("input.name", "the district already has a school of that name");

  const school = await ctx.em.transactional(async (em) => {
    const created = em.create(School, { id: randomUUID(), districtId: district.id, regionId: district.regionId, nameLatn, nameCyrl });
    const membership = em.create(StaffMembership, {
      id: randomUUID(),
      userId: adminUserId,
      role: "SCHOOL_ADMIN",
      schoolId: created.id,
      districtId: district.id,
      regionId: district.regionId,
      startsOn,
    });
    enqueue(em, MEMBERSHIP_STARTED, { ...membershipStarted(membership) });
    return created;
  });
  ctx.privacy.noteFor(ctx.caller, adminUserId, "School.staff");
  ctx.services.relay.kick();
  return school;
}

export const membershipStarted = (m: StaffMembership): MembershipStarted => ({
  membershipId: m.id,
  userId: m.userId,
  role: m.role,
  schoolId: m.schoolId ?? null,
  districtId: m.districtId ?? null,
  regionId: m.regionId ?? null,
  startsOn: m.startsOn,
});
