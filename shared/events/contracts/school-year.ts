/**
 * `institutions.school-year.promoted`: one school's classes moved on to the next school year, in one
 * event per school written in the promotion's transaction. Ids, grade levels and dates only, never names.
 * Graduates are not in it: each of them is an `institutions.enrolment.ended` (reason GRADUATED) of the
 * same transaction, so every subgraph schedules their retention through the path it already has.
 */
import { z } from "zod";

export const SCHOOL_YEAR_PROMOTED = "institutions.school-year.promoted";

// Any UUID, as shared/ids.ts accepts (seeded ids need not be version 4).
const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const schoolYearPromotedSchema = z.object({
  schoolId: id,
  districtId: id,
  regionId: id,
  /** The school year closed (2026 = 2026/2027). */
  fromYear: z.number().int(),
  toYear: z.number().int(),
  /** First day of the new classes: the old enrolments end, the new ones start. */
  startsOn: day,
  classes: z.array(
    z.object({
      fromClassId: id,
      classId: id,
      gradeLevel: z.number().int().min(1).max(11),
      homeroomTeacherId: id.nullable(),
    }),
  ),
  enrolments: z.array(z.object({ enrolmentId: id, studentId: id, fromClassId: id, classId: id })),
  /** Teaching assignments carried over to the new classes (empty when the school chose not to). */
  teaching: z.array(z.object({ assignmentId: id, teacherId: id, classId: id, subjectId: id })),
});
export type SchoolYearPromoted = z.infer<typeof schoolYearPromotedSchema>;

/** The payload, checked; undefined for one nobody sends (dropped, never half-applied). */
export const parseSchoolYearPromoted = (payload: unknown): SchoolYearPromoted | undefined => {
  const result = schoolYearPromotedSchema.safeParse(payload);
  return result.success ? result.data : undefined;
};
