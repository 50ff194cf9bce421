/**
 * The data subjects behind this subgraph's personal fields, built from institutions' own tables:
 * enrolments make a student, memberships and teaching assignments make staff.
 */
import type { SubjectOf } from "../../shared/auth/enforce.js";
import { isolatedSubject, type DataSubject } from "../../shared/auth/subject.js";
import type { InstitutionsContext } from "./context.js";
import type { School, SchoolClass } from "./entities/index.js";

const unique = (values: Array<string | undefined | null>): string[] => [...new Set(values.filter((v): v is string => !!v))];

async function classPlaces(ctx: InstitutionsContext, classIds: string[]) {
  const classes = (await ctx.loaders.schoolClass.loadMany(classIds)).filter((c): c is SchoolClass => !!c && !(c instanceof Error));
  const schools = (await ctx.loaders.school.loadMany(unique(classes.map((c) => c.schoolId)))).flatMap((s) =>
    s && !(s instanceof Error) ? [s] : [],
  );
  return { schools };
}

/** A person as the policy sees them, from this subgraph's point of view. */
export async function personSubject(ctx: InstitutionsContext, userId: string): Promise<DataSubject> {
  const [enrolments, memberships] = await Promise.all([
    ctx.loaders.enrolmentsByStudent.load(userId),
    ctx.loaders.membershipsByUser.load(userId),
  ]);
  if (enrolments.length > 0) {
    const classIds = unique(enrolments.map((e) => e.classId));
    const { schools } = await classPlaces(ctx, classIds);
    return {
      id: userId,
      kind: "STUDENT",
      classIds,
      schoolIds: unique(schools.map((s) => s.id)),
      districtIds: unique(schools.map((s) => s.districtId)),
      regionIds: unique(schools.map((s) => s.regionId)),
    };
  }
  if (memberships.length > 0) {
    const [assignments, homerooms] = await Promise.all([
      ctx.loaders.assignmentsByTeacher.load(userId),
      ctx.loaders.classesByHomeroomTeacher.load(userId),
    ]);
    const schools = (await ctx.loaders.school.loadMany(unique(memberships.map((m) => m.schoolId)))).flatMap((s) =>
      s && !(s instanceof Error) ? [s] : [],
    );
    return {
      id: userId,
      kind: "STAFF",
      classIds: unique([...assignments.map((a) => a.classId), ...homerooms.map((c) => c.id)]),
      schoolIds: unique(memberships.map((m) => m.schoolId)),
      districtIds: unique([...memberships.map((m) => m.districtId), ...schools.map((s) => s.districtId)]),
      regionIds: unique([...memberships.map((m) => m.regionId), ...schools.map((s) => s.regionId)]),
    };
  }
  // Neither enrolled nor employed: a parent, whose links to schools live in the users subgraph.
  return isolatedSubject(userId, "PARENT");
}

/** A class roster is treated as data of the class's students collectively. */
export async function rosterSubject(ctx: InstitutionsContext, schoolClass: SchoolClass): Promise<DataSubject> {
  const school = await ctx.loaders.school.load(schoolClass.schoolId);
  return {
    id: schoolClass.id,
    kind: "STUDENT",
    classIds: [schoolClass.id],
    schoolIds: [schoolClass.schoolId],
    districtIds: school ? [school.districtId] : [],
    regionIds: school ? [school.regionId] : [],
  };
}

/** A school's staff list is treated as data of its staff collectively: colleagues, the administration, officials over it. */
export const staffListSubject = (school: School): DataSubject => ({
  id: school.id,
  kind: "STAFF",
  classIds: [],
  schoolIds: [school.id],
  districtIds: [school.districtId],
  regionIds: [school.regionId],
});

export const institutionsSubjects: Record<string, SubjectOf<InstitutionsContext>> = {
  User: (user: { id: string }, ctx) => personSubject(ctx, user.id),
  SchoolClass: (schoolClass: SchoolClass, ctx) => rosterSubject(ctx, schoolClass),
  School: (school: School) => staffListSubject(school),
};
