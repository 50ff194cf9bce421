/**
 * The institutions subgraph's share of a subject's personal-data report: where they study or work, with
 * the dates, and when they leave (or are expected to leave) the school system, from which the report
 * computes how long their data is kept.
 */
import { reportPart } from "../../../shared/privacy/report-part.js";
import type { PersonalDataItemType } from "../../../shared/privacy/report-types.js";
import type { InstitutionsContext } from "../context.js";
import { Enrolment, School, SchoolClass, StaffMembership } from "../entities/index.js";
import { ENROLMENT_PURPOSES } from "../types/index.js";

const SOURCE = "School enrolment and staff register (institutions)";

const period = (startsOn: string, endsOn?: string | null): string => (endsOn ? `${startsOn} – ${endsOn}` : `since ${startsOn}`);

async function items(ctx: InstitutionsContext, subjectId: string): Promise<PersonalDataItemType[]> {
  const [enrolments, memberships] = await Promise.all([
    ctx.em.find(Enrolment, { studentId: subjectId }, { orderBy: { startsOn: "asc" } }),
    ctx.em.find(StaffMembership, { userId: subjectId }, { orderBy: { startsOn: "asc" } }),
  ]);
  const classes = await ctx.em.find(SchoolClass, { id: { $in: enrolments.map((e) => e.classId) } });
  const classById = new Map(classes.map((c) => [c.id, c]));
  const schoolIds = [...classes.map((c) => c.schoolId), ...memberships.flatMap((m) => (m.schoolId ? [m.schoolId] : []))];
  const schools = new Map((await ctx.em.find(School, { id: { $in: schoolIds } })).map((s) => [s.id, s]));
  const out: PersonalDataItemType[] = [];
  for (const enrolment of enrolments) {
    const schoolClass = classById.get(enrolment.classId);
    const school = schoolClass ? schools.get(schoolClass.schoolId) : undefined;
    out.push({
      field: "User.schoolClass",
      category: "enrolment",
      value: `${schoolClass?.name ?? enrolment.classId}, ${school?.nameLatn ?? "?"}, ${enrolment.academicYear}/${enrolment.academicYear + 1}, ${period(enrolment.startsOn, enrolment.endsOn)}`,
      source: SOURCE,
      purposes: [...ENROLMENT_PURPOSES],
    });
  }
  for (const membership of memberships) {
    const school = membership.schoolId ? schools.get(membership.schoolId) : undefined;
    out.push({
      field: "User.school",
      category: "enrolment",
      value: `${membership.role}${school ? `, ${school.nameLatn}` : ""}, ${period(membership.startsOn, membership.endsOn)}`,
      source: SOURCE,
      purposes: [...ENROLMENT_PURPOSES],
    });
  }
  return out;
}

/**
 * A student leaves at the end of their current enrolment, or else when they finish grade 11 (30 June of
 * that school year); staff when their employment ends. Unknown (a parent, open-ended employment): null.
 */
async function leavesOn(ctx: InstitutionsContext, subjectId: string): Promise<string | null> {
  const enrolments = await ctx.em.find(Enrolment, { studentId: subjectId }, { orderBy: { startsOn: "desc" } });
  const latest = enrolments[0];
  if (latest) {
    if (latest.endsOn) return latest.endsOn;
    const schoolClass = await ctx.em.findOne(SchoolClass, { id: latest.classId });
    if (schoolClass) return `${latest.academicYear + (11 - schoolClass.gradeLevel) + 1}-06-30`;
    return null;
  }
  const memberships = await ctx.em.find(StaffMembership, { userId: subjectId });
  if (memberships.length === 0 || memberships.some((m) => !m.endsOn)) return null;
  return (
    memberships
      .map((m) => m.endsOn!)
      .sort()
      .at(-1) ?? null
  );
}

export const institutionsReportPart = reportPart<InstitutionsContext>("institutions", { items, leavesOn });
