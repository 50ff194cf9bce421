/**
 * Ending an enrolment or an employment: the school's administration records that a student left or a
 * staff member stopped working there. All checks run before the transaction opens; the end date and the
 * outbox event from which every subgraph schedules the person's anonymisation commit together.
 */
import { adminSchoolOf } from "../../shared/auth/relationships.js";
import type { AuthedContext } from "../../shared/context.js";
import { addDays, tashkentDay } from "../../shared/days.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../shared/errors.js";
import { enqueue } from "../../shared/events/outbox.js";
import { parseId } from "../../shared/ids.js";
import type { LeaveReason } from "../../shared/privacy/subgraph-privacy.js";
import type { InstitutionsContext } from "./context.js";
import { Enrolment, type SchoolClass, StaffMembership } from "./entities/index.js";
import { EMPLOYMENT_ENDED, ENROLMENT_ENDED, type EmploymentEnded, type EnrolmentEnded } from "./events/published.js";

type Ctx = AuthedContext<InstitutionsContext>;

/** How far from today an end date may lie: a year either way catches a mistyped year before it schedules anything. */
const MAX_DAYS_FROM_TODAY = 366;

/** Only a school's administration ends enrolments and employments, at its own school. */
function schoolAdministeredBy(ctx: Ctx): string {
  const schoolId = adminSchoolOf(ctx.caller);
  if (!schoolId) throw new ForbiddenError("Only a school's administration may end an enrolment or an employment");
  return schoolId;
}

const otherSchool = (): ForbiddenError => new ForbiddenError("This person is not at your school");

function checkEndDate(endedOn: string, startsOn: string): void {
  const today = tashkentDay();
  if (endedOn < startsOn) throw new BadUserInputError("endedOn", `the end (${endedOn}) comes before the start (${startsOn})`);
  if (endedOn < addDays(today, -MAX_DAYS_FROM_TODAY) || endedOn > addDays(today, MAX_DAYS_FROM_TODAY)) {
    throw new BadUserInputError("endedOn", `must lie within ${MAX_DAYS_FROM_TODAY} days of today (${today})`);
  }
}

export interface EndedEnrolment {
  studentId: string;
  schoolClass: SchoolClass;
  endedOn: string;
  reason: LeaveReason;
}

export async function endEnrolment(ctx: Ctx, args: { studentId: string; endedOn: string; reason: LeaveReason }): Promise<EndedEnrolment> {
  const studentId = parseId(args.studentId, "studentId");
  const schoolId = schoolAdministeredBy(ctx);
  const enrolments = await ctx.em.find(Enrolment, { studentId }, { orderBy: { startsOn: "desc", id: "asc" } });
  if (enrolments.length === 0) throw new NotFoundError("Student");
  const classes = await ctx.loaders.schoolClass.loadMany(enrolments.map((e) => e.classId));
  const classOf = new Map(classes.flatMap((c) => (c && !(c instanceof Error) ? [[c.id, c] as const] : [])));
  const here = enrolments.filter((e) => classOf.get(e.classId)?.schoolId === schoolId);
  if (here.length === 0) throw otherSchool();
  const current = here.filter((e) => !e.endsOn);
  if (current.length === 0) throw new BadUserInputError("studentId", "the student's enrolment has already ended");
  for (const enrolment of current) checkEndDate(args.endedOn, enrolment.startsOn);

  await ctx.em.transactional(async (em) => {
    for (const enrolment of current) {
      await em.nativeUpdate(Enrolment, { id: enrolment.id, endsOn: null }, { endsOn: args.endedOn });
      const event: EnrolmentEnded = { studentId, classId: enrolment.classId, schoolId, endedOn: args.endedOn, reason: args.reason };
      enqueue(em, ENROLMENT_ENDED, { ...event });
    }
  });
  ctx.services.relay.kick();
  return { studentId, schoolClass: classOf.get(current[0]!.classId)!, endedOn: args.endedOn, reason: args.reason };
}

export interface EndedEmployment {
  userId: string;
  schoolId: string;
  endedOn: string;
}

export async function endEmployment(ctx: Ctx, args: { userId: string; endedOn: string }): Promise<EndedEmployment> {
  const userId = parseId(args.userId, "userId");
  const schoolId = schoolAdministeredBy(ctx);
  const memberships = await ctx.em.find(StaffMembership, { userId });
  if (memberships.length === 0) throw new NotFoundError("Staff member");
  const here = memberships.filter((m) => m.schoolId === schoolId);
  if (here.length === 0) throw otherSchool();
  const current = here.filter((m) => !m.endsOn);
  if (current.length === 0) throw new BadUserInputError("userId", "the employment has already ended");
  for (const membership of current) checkEndDate(args.endedOn, membership.startsOn);

  await ctx.em.transactional(async (em) => {
    await em.nativeUpdate(StaffMembership, { id: { $in: current.map((m) => m.id) }, endsOn: null }, { endsOn: args.endedOn });
    const event: EmploymentEnded = { userId, schoolId, endedOn: args.endedOn };
    enqueue(em, EMPLOYMENT_ENDED, { ...event });
  });
  ctx.services.relay.kick();
  return { userId, schoolId, endedOn: args.endedOn };
}
