/** Staff of a school: a teacher or a school admin from a date (ending it is leaving.ts). */
import { randomUUID } from "node:crypto";
import { MEMBERSHIP_STARTED } from "../../../shared/events/contracts/institutions.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { tashkentDay } from "../../../shared/days.js";
import { parseId } from "../../../shared/ids.js";
import { isIsoDate } from "../../../shared/scalars.js";
import { StaffMembership } from "../entities/index.js";
import { administeredSchool, type Ctx } from "./authority.js";
import { membershipStarted } from "./schools.js";

export const POSITIONS = ["TEACHER", "SCHOOL_ADMIN"] as const;
export type Position = (typeof POSITIONS)[number];

/** Current (not ended) memberships of a person at a school. */
async function currentMemberships(ctx: Ctx, schoolId: string, userId: string): Promise<StaffMembership[]> {
  const today = tashkentDay();
  return ctx.em.find(StaffMembership, { userId, schoolId, $or: [{ endsOn: null }, { endsOn: { $gt: today } }] });
}

/** Refuses anyone who is not a current teacher of the school (a teacher of another school, a stranger). */
export async function assertTeacherOf(ctx: Ctx, schoolId: string, teacherId: string, field: string): Promise<void> {
  const here = await currentMemberships(ctx, schoolId, teacherId);
  if (!here.some((m) => m.role === "TEACHER")) throw new BadUserInputError(field, "not a teacher of this school");
}

export interface AddStaffInput {
  schoolId: string;
  userId: string;
  position: Position;
  startsOn: string;
}

export async function addStaffMember(ctx: Ctx, input: AddStaffInput): Promise<StaffMembership> {
  const school = await administeredSchool(ctx, input.schoolId, "input.schoolId");
  const userId = parseId(input.userId, "input.userId");
  if (!isIsoDate(input.startsOn)) throw new BadUserInputError("input.startsOn", "not a date (YYYY-MM-DD)");
  const existing = await currentMemberships(ctx, school.id, userId);
  if (existing.some((m) => m.role === input.position)) {
    throw new BadUserInputError("input.userId", `already works here as ${input.position}`);
  }
  const membership = await ctx.em.transactional(async (em) => {
    const created = em.create(StaffMembership, {
      id: randomUUID(),
      userId,
      role: input.position,
      schoolId: school.id,
      districtId: school.districtId,
      regionId: school.regionId,
      startsOn: input.startsOn,
    });
    enqueue(em, MEMBERSHIP_STARTED, { ...membershipStarted(created) });
    return created;
  });
  ctx.privacy.noteFor(ctx.caller, userId, "School.staff");
  ctx.services.relay.kick();
  return membership;
}
