/**
 * Enrolment: a student starts in a class, moves to another class of the school, or transfers to another
 * school. A move or transfer ends one enrolment and starts the next in one transaction; the old class keeps
 * the student's rows up to the day before `on` (the journal's roster and users' placements follow the
 * events), and nothing is scheduled for anonymisation: the student is still at school.
 */
import { randomUUID } from "node:crypto";
import {
  ENROLMENT_CLOSED,
  ENROLMENT_STARTED,
  type EnrolmentClosed,
  type EnrolmentStarted,
} from "../../../shared/events/contracts/institutions.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { Enrolment, type School, type SchoolClass } from "../entities/index.js";
import { administeredClass, administeredSchool, assertRole, type Ctx } from "./authority.js";
import { assertInSchoolYear } from "./school-year.js";

export interface PlacedEnrolment {
  enrolment: Enrolment;
  schoolClass: SchoolClass;
}

const started = (e: Enrolment, school: School): EnrolmentStarted => ({
  enrolmentId: e.id,
  studentId: e.studentId,
  classId: e.classId,
  schoolId: school.id,
  districtId: school.districtId,
  regionId: school.regionId,
  startsOn: e.startsOn,
});

/** Enrolments of the student that have not ended by `day` (at most one, by the rule below). */
async function openOn(ctx: Ctx, studentId: string, day: string): Promise<Enrolment[]> {
  return ctx.em.find(Enrolment, { studentId, $or: [{ endsOn: null }, { endsOn: { $gt: day } }] }, { orderBy: { startsOn: "desc" } });
}

function newEnrolment(em: Ctx["em"], studentId: string, schoolClass: SchoolClass, startsOn: string): Enrolment {
  return em.create(Enrolment, { id: randomUUID(), studentId, classId: schoolClass.id, academicYear: schoolClass.academicYear, startsOn });
}

export async function enrolStudent(ctx: Ctx, input: { classId: string; studentId: string; startsOn: string }): Promise<PlacedEnrolment> {
  const { schoolClass, school } = await administeredClass(ctx, input.classId, "input.classId");
  const studentId = parseId(input.studentId, "input.studentId");
  assertInSchoolYear(input.startsOn, schoolClass.academicYear, "input.startsOn");
  if ((await openOn(ctx, studentId, input.startsOn)).length > 0) {
    throw new BadUserInputError("input.studentId", "the student is already enrolled in a class on that day: move or transfer them instead");
  }
  const enrolment = await ctx.em.transactional(async (em) => {
    const created = newEnrolment(em, studentId, schoolClass, input.startsOn);
    enqueue(em, ENROLMENT_STARTED, { ...started(created, school) });
    return created;
  });
  ctx.privacy.noteFor(ctx.caller, studentId, "SchoolClass.students");
  ctx.services.relay.kick();
  return { enrolment, schoolClass };
}

/** Ends `from` the day before `on` and starts the student in `to` on `on`, with both events, in one transaction. */
async function relocate(
  ctx: Ctx,
  from: { enrolment: Enrolment; school: School },
  to: { schoolClass: SchoolClass; school: School },
  on: string,
): Promise<PlacedEnrolment> {
  if (on <= from.enrolment.startsOn)
    throw new BadUserInputError("on", `must come after the current enrolment began (${from.enrolment.startsOn})`);
  if (from.enrolment.classId === to.schoolClass.id) throw new BadUserInputError("toClassId", "the student is already in this class");
  assertInSchoolYear(on, to.schoolClass.academicYear, "on");
  const closed: EnrolmentClosed = {
    enrolmentId: from.enrolment.id,
    studentId: from.enrolment.studentId,
    classId: from.enrolment.classId,
    schoolId: from.school.id,
    endedOn: on,
  };
  const next = await ctx.em.transactional(async (em) => {
    await em.nativeUpdate(Enrolment, { id: from.enrolment.id }, { endsOn: on });
    const created = newEnrolment(em, from.enrolment.studentId, to.schoolClass, on);
    enqueue(em, ENROLMENT_CLOSED, { ...closed });
    enqueue(em, ENROLMENT_STARTED, { ...started(created, to.school) });
    return created;
  });
  from.enrolment.endsOn = on;
  ctx.privacy.noteFor(ctx.caller, from.enrolment.studentId, "SchoolClass.students");
  ctx.services.relay.kick();
  return { enrolment: next, schoolClass: to.schoolClass };
}

/** The student's enrolment at the caller's school that is open on `on`. */
async function enrolmentHere(ctx: Ctx, studentId: string, on: string): Promise<{ enrolment: Enrolment; school: School }> {
  const open = await openOn(ctx, studentId, on);
  if (open.length === 0) throw new NotFoundError("Enrolment");
  const enrolment = open[0]!;
  const schoolClass = await ctx.loaders.schoolClass.load(enrolment.classId);
  if (!schoolClass || schoolClass.schoolId !== ctx.caller.org.schoolId) throw new ForbiddenError("The student is not at your school");
  return { enrolment, school: await administeredSchool(ctx, schoolClass.schoolId) };
}

export async function moveStudent(ctx: Ctx, args: { studentId: string; toClassId: string; on: string }): Promise<PlacedEnrolment> {
  assertRole(ctx, ["SCHOOL_ADMIN"], "move a student");
  const studentId = parseId(args.studentId, "studentId");
  const to = await administeredClass(ctx, args.toClassId, "toClassId");
  assertInSchoolYear(args.on, to.schoolClass.academicYear, "on");
  const from = await enrolmentHere(ctx, studentId, args.on);
  if (from.school.id !== to.school.id) throw new BadUserInputError("toClassId", "another school's class: transfer the student instead");
  return relocate(ctx, from, to, args.on);
}

/**
 * The school the student leaves records the transfer (it holds the student's file) and names the
 * receiving class; the receiving school needs to do nothing before the student arrives.
 */
export async function transferStudent(ctx: Ctx, args: { studentId: string; toClassId: string; on: string }): Promise<PlacedEnrolment> {
  assertRole(ctx, ["SCHOOL_ADMIN"], "transfer a student");
  const studentId = parseId(args.studentId, "studentId");
  const toClass = await ctx.loaders.schoolClass.load(parseId(args.toClassId, "toClassId"));
  if (!toClass) throw new NotFoundError("SchoolClass");
  assertInSchoolYear(args.on, toClass.academicYear, "on");
  const from = await enrolmentHere(ctx, studentId, args.on);
  if (toClass.schoolId === from.school.id) throw new BadUserInputError("toClassId", "a class of the same school: move the student instead");
  const toSchool = await ctx.loaders.school.load(toClass.schoolId);
  if (!toSchool) throw new NotFoundError("School");
  return relocate(ctx, from, { schoolClass: toClass, school: toSchool }, args.on);
}
