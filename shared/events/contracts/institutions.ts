/**
 * What institutions publishes when a school is set up and its people placed: topic names, payload types and
 * their zod schemas, in one place for the publisher and every consumer. Ids, dates and grade levels only,
 * never names: each consumer keeps the few columns its replica needs (DESIGN.md §1, data minimisation).
 * The leaving events (`institutions.enrolment.ended`, `institutions.employment.ended`) stay with the
 * retention machinery (shared/privacy).
 */
import { z } from "zod";

// Any UUID, as shared/ids.ts accepts (seeded ids need not be version 4).
const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A class where it sits, and who leads it: on creation and whenever the homeroom teacher changes. */
export const CLASS_PLACED = "institutions.class.placed";
export const classPlacedSchema = z.object({
  classId: id,
  schoolId: id,
  districtId: id,
  regionId: id,
  gradeLevel: z.number().int().min(1).max(11),
  academicYear: z.number().int(),
  homeroomTeacherId: id.nullable(),
});
export type ClassPlaced = z.infer<typeof classPlacedSchema>;

/** A student starts in a class (first enrolment, a move inside the school, or the receiving end of a transfer). */
export const ENROLMENT_STARTED = "institutions.enrolment.started";
export const enrolmentStartedSchema = z.object({
  enrolmentId: id,
  studentId: id,
  classId: id,
  schoolId: id,
  districtId: id,
  regionId: id,
  startsOn: day,
});
export type EnrolmentStarted = z.infer<typeof enrolmentStartedSchema>;

/**
 * A student's enrolment in a class ends because they move to another class or school of the system: the
 * replicas end the row from that day. Unlike `institutions.enrolment.ended` it schedules no anonymisation
 * (the student is still at school, only elsewhere).
 */
export const ENROLMENT_CLOSED = "institutions.enrolment.closed";
export const enrolmentClosedSchema = z.object({
  enrolmentId: id,
  studentId: id,
  classId: id,
  schoolId: id,
  endedOn: day,
});
export type EnrolmentClosed = z.infer<typeof enrolmentClosedSchema>;

/** A person starts working at a school (teacher or school admin) or in a territory (an official). */
export const MEMBERSHIP_STARTED = "institutions.membership.started";
export const membershipStartedSchema = z.object({
  membershipId: id,
  userId: id,
  role: z.string().min(1).max(32),
  schoolId: id.nullable(),
  districtId: id.nullable(),
  regionId: id.nullable(),
  startsOn: day,
});
export type MembershipStarted = z.infer<typeof membershipStartedSchema>;

/** Teacher × class × subject with its dates; published again when the dates change (same assignment id). */
export const TEACHING_ASSIGNED = "institutions.teaching.assigned";
export const teachingAssignedSchema = z.object({
  assignmentId: id,
  teacherId: id,
  classId: id,
  subjectId: id,
  schoolId: id,
  districtId: id,
  regionId: id,
  startsOn: day,
  endsOn: day.nullable(),
});
export type TeachingAssigned = z.infer<typeof teachingAssignedSchema>;

/** Parses a payload against its contract; a payload nobody sends is dropped, not half-applied. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): T | undefined {
  const result = schema.safeParse(payload);
  return result.success ? result.data : undefined;
}
