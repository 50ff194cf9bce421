/**
 * The year's rollover (DESIGN.md §7): a school's classes of one school year move on to the next. 5-A of
 * 2026/27 becomes a new class 6-A of 2027/28 with the same students; the old class and its journal stay.
 * Grade 11 graduates: each enrolment ends GRADUATED, and every subgraph schedules the student's retention
 * from that event. Teaching assignments and homeroom teachers are carried over when the school asks.
 *
 * One transaction per school, with its outbox events: `institutions.school-year.promoted` (the replicas
 * follow: users' placements, the journal's classes, roster and teaching, and the journal closes the old
 * year) and one `institutions.enrolment.ended` per graduate. The school's administration promotes its own
 * school; the ministry one school or every school not yet promoted.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import type { AuthedContext } from "../../shared/context.js";
import { tashkentDay } from "../../shared/days.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../shared/errors.js";
import { SCHOOL_YEAR_PROMOTED, type SchoolYearPromoted } from "../../shared/events/contracts/school-year.js";
import { enqueue } from "../../shared/events/outbox.js";
import { parseId } from "../../shared/ids.js";
import { now } from "../../shared/clock.js";
import type { InstitutionsContext } from "./context.js";
import { Enrolment, School, SchoolClass, SchoolYearPromotion, TeachingAssignment } from "./entities/index.js";
import { ENROLMENT_ENDED, type EnrolmentEnded } from "./events/published.js";

type Ctx = AuthedContext<InstitutionsContext>;

/** The last grade: its students graduate instead of moving on. */
export const FINAL_GRADE = 11;

export interface PromotionArgs {
  fromYear: number;
  schoolId?: string | null;
  carryTeaching: boolean;
  carryHomeroom: boolean;
}

export interface SchoolPromotion {
  schoolId: string;
  fromYear: number;
  toYear: number;
  /** The new classes, in the order of the old ones. */
  classes: SchoolClass[];
  promotedStudents: number;
  graduatedStudents: number;
}

/** "5-A" → "6-A": the grade number at the front of the name moves on; a name without one gets it put in front. */
export const nextClassName = (name: string, gradeLevel: number): string =>
  /^\d+/.test(name) ? name.replace(/^\d+/, String(gradeLevel + 1)) : `${gradeLevel + 1}-${name}`;

/**
 * Promotion is the summer's work: from 1 June (every quarter of the year has ended by late May) to
 * 31 October of the next school year, for a school that is late.
 */
function checkWindow(fromYear: number): void {
  const today = tashkentDay();
  const [opens, closes] = [`${fromYear + 1}-06-01`, `${fromYear + 1}-10-31`];
  if (today < opens || today > closes)
    throw new BadUserInputError(
      "fromYear",
      `the school year ${fromYear}/${fromYear + 1} is promoted from ${opens} to ${closes} (today is ${today})`,
    );
}

/** The schools the caller asks to promote: their own (school admin), or one or every school (ministry). */
async function schoolsToPromote(ctx: Ctx, args: PromotionArgs): Promise<School[]> {
  const asked = args.schoolId ? parseId(args.schoolId, "schoolId") : undefined;
  const { caller } = ctx;
  if (caller.role === "SCHOOL_ADMIN" && caller.org.schoolId) {
    if (asked && asked !== caller.org.schoolId) throw new ForbiddenError("A school's administration promotes its own school only");
    const school = await ctx.em.findOne(School, { id: caller.org.schoolId });
    if (!school) throw new NotFoundError("School");
    return [school];
  }
  if (caller.role !== "MINISTRY_OFFICIAL") throw new ForbiddenError("Only a school's administration or the ministry promotes classes");
  if (asked) {
    const school = await ctx.em.findOne(School, { id: asked });
    if (!school) throw new NotFoundError("School");
    return [school];
  }
  const done = await ctx.em.find(SchoolYearPromotion, { fromYear: args.fromYear });
  const withClasses = await ctx.em.find(SchoolClass, { academicYear: args.fromYear }, { fields: ["schoolId"] });
  const ids = [...new Set(withClasses.map((c) => c.schoolId))].filter((id) => !done.some((d) => d.schoolId === id)).sort();
  return ids.length ? ctx.em.find(School, { id: { $in: ids } }, { orderBy: { id: "asc" } }) : [];
}

/** Persists a new row and hands it back. */
function kept<T extends object>(em: EntityManager, row: T): T {
  em.persist(row);
  return row;
}

/** One school's promotion, all or nothing. */
async function promoteSchool(em: EntityManager, school: School, args: PromotionArgs, by: string): Promise<SchoolPromotion> {
  const { fromYear } = args;
  const toYear = fromYear + 1;
  const startsOn = `${toYear}-09-01`;
  if ((await em.count(SchoolYearPromotion, { schoolId: school.id, fromYear })) > 0)
    throw new BadUserInputError("fromYear", `the school's classes of ${fromYear}/${toYear} have already been promoted`);
  const old = await em.find(SchoolClass, { schoolId: school.id, academicYear: fromYear }, { orderBy: { gradeLevel: "asc", name: "asc" } });
  if (old.length === 0) throw new BadUserInputError("fromYear", `the school has no classes in ${fromYear}/${toYear}`);
  const oldIds = old.map((c) => c.id);
  const [enrolments, assignments, existing] = await Promise.all([
    em.find(Enrolment, { classId: { $in: oldIds }, endsOn: null }, { orderBy: { studentId: "asc" } }),
    args.carryTeaching ? em.find(TeachingAssignment, { classId: { $in: oldIds } }) : Promise.resolve([]),
    em.find(SchoolClass, { schoolId: school.id, academicYear: toYear }),
  ]);

  // A class the school already made for the new year under the promoted name receives the students.
  const next = new Map<string, SchoolClass>();
  for (const cls of old.filter((c) => c.gradeLevel < FINAL_GRADE)) {
    const name = nextClassName(cls.name, cls.gradeLevel);
    const target =
      existing.find((c) => c.name === name) ??
      kept(
        em,
        em.create(SchoolClass, { id: randomUUID(), schoolId: school.id, name, gradeLevel: cls.gradeLevel + 1, academicYear: toYear }),
      );
    if (args.carryHomeroom && cls.homeroomTeacherId && !target.homeroomTeacherId) target.homeroomTeacherId = cls.homeroomTeacherId;
    next.set(cls.id, target);
  }

  const payload: SchoolYearPromoted = {
    schoolId: school.id,
    districtId: school.districtId,
    regionId: school.regionId,
    fromYear,
    toYear,
    startsOn,
    classes: [...next].map(([fromClassId, cls]) => ({
      fromClassId,
      classId: cls.id,
      gradeLevel: cls.gradeLevel,
      homeroomTeacherId: cls.homeroomTeacherId ?? null,
    })),
    enrolments: [],
    teaching: [],
  };
  let graduated = 0;
  for (const enrolment of enrolments) {
    enrolment.endsOn = startsOn;
    const target = next.get(enrolment.classId);
    if (!target) {
      graduated++;
      const ended: EnrolmentEnded = {
        studentId: enrolment.studentId,
        classId: enrolment.classId,
        schoolId: school.id,
        endedOn: startsOn,
        reason: "GRADUATED",
      };
      enqueue(em, ENROLMENT_ENDED, { ...ended });
      continue;
    }
    const row = kept(
      em,
      em.create(Enrolment, { id: randomUUID(), studentId: enrolment.studentId, classId: target.id, academicYear: toYear, startsOn }),
    );
    payload.enrolments.push({ enrolmentId: row.id, studentId: row.studentId, fromClassId: enrolment.classId, classId: target.id });
  }
  const held = await em.find(TeachingAssignment, { classId: { $in: [...next.values()].map((c) => c.id) } });
  for (const a of assignments) {
    const target = next.get(a.classId);
    if (!target || held.some((h) => h.classId === target.id && h.subjectId === a.subjectId && h.teacherId === a.teacherId)) continue;
    const row = kept(
      em,
      em.create(TeachingAssignment, { id: randomUUID(), teacherId: a.teacherId, classId: target.id, subjectId: a.subjectId }),
    );
    payload.teaching.push({ assignmentId: row.id, teacherId: row.teacherId, classId: row.classId, subjectId: row.subjectId });
  }
  em.persist(em.create(SchoolYearPromotion, { id: randomUUID(), schoolId: school.id, fromYear, promotedById: by, promotedAt: now() }));
  enqueue(em, SCHOOL_YEAR_PROMOTED, { ...payload });
  return {
    schoolId: school.id,
    fromYear,
    toYear,
    classes: [...next.values()],
    promotedStudents: payload.enrolments.length,
    graduatedStudents: graduated,
  };
}

/** Promotes the schools the caller may and asks for, one transaction each; a school that fails stops the run there. */
export async function promoteClasses(ctx: Ctx, args: PromotionArgs): Promise<SchoolPromotion[]> {
  if (!Number.isInteger(args.fromYear) || args.fromYear < 2000 || args.fromYear > 2100)
    throw new BadUserInputError("fromYear", `a school year from 2000 to 2100, got ${args.fromYear}`);
  const schools = await schoolsToPromote(ctx, args);
  checkWindow(args.fromYear);
  const results: SchoolPromotion[] = [];
  for (const school of schools) {
    results.push(await ctx.em.fork().transactional((em) => promoteSchool(em, school, args, ctx.caller.sub)));
    ctx.services.relay.kick();
  }
  return results;
}
