/** Teaching assignments (teacher × class × subject, with dates) at the caller's school. */
import { randomUUID } from "node:crypto";
import { TEACHING_ASSIGNED, type TeachingAssigned } from "../../../shared/events/contracts/institutions.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { TeachingAssignment } from "../entities/index.js";
import { administeredClass, type Ctx } from "./authority.js";
import { assertInSchoolYear } from "./school-year.js";
import { assertTeacherOf } from "./staff.js";
import { assertSchoolTeaches } from "./subjects.js";

export interface AssignTeacherInput {
  teacherId: string;
  classId: string;
  subjectId: string;
  startsOn: string;
  endsOn?: string | null;
}

/** Creates the assignment, or gives an existing one (same teacher, class and subject) the new dates. */
export async function assignTeacher(ctx: Ctx, input: AssignTeacherInput): Promise<TeachingAssignment> {
  const { schoolClass, school } = await administeredClass(ctx, input.classId, "input.classId");
  const teacherId = parseId(input.teacherId, "input.teacherId");
  const subjectId = parseId(input.subjectId, "input.subjectId");
  if (!(await ctx.loaders.subject.load(subjectId))) throw new NotFoundError("Subject");
  await assertTeacherOf(ctx, school.id, teacherId, "input.teacherId");
  await assertSchoolTeaches(ctx, school.id, subjectId, "input.subjectId");
  assertInSchoolYear(input.startsOn, schoolClass.academicYear, "input.startsOn");
  const endsOn = input.endsOn ?? null;
  if (endsOn) {
    assertInSchoolYear(endsOn, schoolClass.academicYear, "input.endsOn");
    if (endsOn <= input.startsOn) throw new BadUserInputError("input.endsOn", "must come after startsOn");
  }

  const existing = await ctx.em.findOne(TeachingAssignment, { teacherId, classId: schoolClass.id, subjectId });
  const id = existing?.id ?? randomUUID();
  const event: TeachingAssigned = {
    assignmentId: id,
    teacherId,
    classId: schoolClass.id,
    subjectId,
    schoolId: school.id,
    districtId: school.districtId,
    regionId: school.regionId,
    startsOn: input.startsOn,
    endsOn,
  };
  await ctx.em.transactional(async (em) => {
    if (existing) await em.nativeUpdate(TeachingAssignment, { id }, { startsOn: input.startsOn, endsOn });
    else em.create(TeachingAssignment, { id, teacherId, classId: schoolClass.id, subjectId, startsOn: input.startsOn, endsOn });
    enqueue(em, TEACHING_ASSIGNED, { ...event });
  });
  ctx.services.relay.kick();
  return { ...(existing ?? { id, teacherId, classId: schoolClass.id, subjectId }), startsOn: input.startsOn, endsOn } as TeachingAssignment;
}
