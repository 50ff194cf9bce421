/** How a caller stands to a data subject, derived from token claims and the subject's facts. */
import { tashkentDay } from "../days.js";
import type { Caller } from "./claims.js";
import { partnerRelatesTo } from "./partners.js";
import { OFFICIAL_ROLES } from "./roles.js";
import { spanCovers, type DataSubject } from "./subject.js";

export type Relationship =
  | "SELF"
  | "GUARDIAN" // parent → own child
  | "HOMEROOM" // homeroom teacher → student of that class
  | "SUBJECT_TEACHER" // teacher → student of a class taught (academic rows: only the subject taught)
  | "SUBSTITUTE" // teacher → the rows of a lesson the school gave them, from its day until SUBSTITUTE_DAYS after
  | "TEACHES_CHILD" // teacher → parent of a student in a class taught or led
  | "TEACHES_CALLER" // staff → the student they teach, or that student's parent (the caller)
  | "COLLEAGUE" // teacher or admin → staff of the same school
  | "SCHOOL_ADMIN" // school admin → anyone attached to their school
  | "OFFICIAL" // official → staff of schools under their territory (students: aggregates only, no relationship)
  | "PARTNER" // a school's integration partner, under JOURNAL → students and staff of that school (partners.ts)
  | "FORMER_SCHOOL" // school admin or teacher of a school or class the student has left → the name on the records kept of that time
  | "DPO_HANDLING"; // the data protection officer → a person whose data request is open (they are handling it)

const overlaps = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

function teachesSubject(caller: Caller, subject: DataSubject): boolean {
  return caller.teaching.some(
    ([classId, subjectId]) =>
      subject.classIds.includes(classId) && (subject.academicSubjectId === undefined || subject.academicSubjectId === subjectId),
  );
}

/** The caller substitutes the lesson the row belongs to, and their days over it have not run out. */
const substitutesNow = (caller: Caller, subject: DataSubject): boolean =>
  caller.role === "TEACHER" && !!subject.substitutes?.some((s) => s.teacherId === caller.sub && tashkentDay() <= s.until);

function officialCovers(caller: Caller, subject: DataSubject): boolean {
  switch (caller.role) {
    case "MINISTRY_OFFICIAL":
      return true;
    case "REGION_OFFICIAL":
      return !!caller.org.regionId && subject.regionIds.includes(caller.org.regionId);
    case "DISTRICT_OFFICIAL":
      return !!caller.org.districtId && subject.districtIds.includes(caller.org.districtId);
    default:
      return false;
  }
}

/**
 * A dated record of a student is judged by where the student was on that day: the classes and schools of
 * the enrolments covering it, ended ones included. So the school a student left keeps the rows of the
 * time they were there, and the school they moved to sees nothing from before they arrived.
 */
function asOfRecord(subject: DataSubject): DataSubject {
  if (subject.kind !== "STUDENT" || !subject.enrolments || !subject.recordDate) return subject;
  const day = subject.recordDate;
  const spans = subject.enrolments.filter((s) => spanCovers(s, day));
  const ids = (pick: (s: (typeof spans)[number]) => string | undefined): string[] => [
    ...new Set(spans.map(pick).filter((v): v is string => !!v)),
  ];
  return {
    ...subject,
    classIds: ids((s) => s.classId),
    schoolIds: ids((s) => s.schoolId),
    districtIds: ids((s) => s.districtId),
    regionIds: ids((s) => s.regionId),
  };
}

/** Staff of a school or class the student was enrolled in before (not now). */
function formerlyRelated(caller: Caller, subject: DataSubject): boolean {
  if (subject.kind !== "STUDENT" || !subject.enrolments || subject.recordDate) return false;
  const schoolId = caller.org.schoolId;
  return subject.enrolments.some(
    (span) =>
      (caller.role === "SCHOOL_ADMIN" && schoolId === span.schoolId) ||
      (caller.role === "TEACHER" && caller.classes.includes(span.classId)),
  );
}

/** Every relationship that holds; the policy releases a field when any of them allows it. */
export function relationshipsOf(caller: Caller, given: DataSubject): Relationship[] {
  const subject = asOfRecord(given);
  const found: Relationship[] = [];
  if (caller.sub === subject.id) found.push("SELF");
  const schoolId = caller.org.schoolId;
  switch (subject.kind) {
    case "STUDENT":
      if (caller.role === "PARENT" && caller.children.includes(subject.id)) found.push("GUARDIAN");
      if (caller.role === "TEACHER" && overlaps(caller.homeroom, subject.classIds)) found.push("HOMEROOM");
      if (caller.role === "TEACHER" && teachesSubject(caller, subject)) found.push("SUBJECT_TEACHER");
      if (substitutesNow(caller, subject)) found.push("SUBSTITUTE");
      break;
    case "PARENT":
      if (caller.role === "TEACHER" && overlaps(caller.classes, subject.classIds)) found.push("TEACHES_CHILD");
      break;
    case "STAFF":
      if (caller.role === "STUDENT" && overlaps(caller.classes, subject.classIds)) found.push("TEACHES_CALLER");
      if (caller.role === "PARENT" && overlaps(caller.childClasses, subject.classIds)) found.push("TEACHES_CALLER");
      if ((caller.role === "TEACHER" || caller.role === "SCHOOL_ADMIN") && schoolId && subject.schoolIds.includes(schoolId)) {
        found.push("COLLEAGUE");
      }
      break;
  }
  if (caller.role === "SCHOOL_ADMIN" && schoolId && subject.schoolIds.includes(schoolId)) found.push("SCHOOL_ADMIN");
  // Officials see students (and so their parents) only as aggregates: no relationship to them as persons.
  if (OFFICIAL_ROLES.includes(caller.role) && subject.kind === "STAFF" && officialCovers(caller, subject)) found.push("OFFICIAL");
  if (partnerRelatesTo(caller, subject)) found.push("PARTNER");
  if (found.length === 0 && formerlyRelated(caller, subject)) found.push("FORMER_SCHOOL");
  // Not "anyone, any time": only while that person's own request is open (DESIGN.md §3); otherwise a
  // legal request with its basis (policy.ts), which is a disclosure and audited as one.
  if (caller.role === "DATA_PROTECTION_OFFICER" && subject.openDataRequest) found.push("DPO_HANDLING");
  return found;
}

/** A school or a territory an operation acts on (ids only). */
export interface OrgUnit {
  schoolId?: string;
  districtId: string;
  regionId: string;
}

const unitSubject = (unit: OrgUnit): DataSubject => ({
  id: unit.schoolId ?? unit.districtId,
  kind: "STAFF",
  classIds: [],
  schoolIds: unit.schoolId ? [unit.schoolId] : [],
  districtIds: [unit.districtId],
  regionIds: [unit.regionId],
});

/** The school's own administration: the relationship SCHOOL_ADMIN to the school as a whole. */
export const administersSchool = (caller: Caller, unit: OrgUnit): boolean =>
  !!unit.schoolId && relationshipsOf(caller, unitSubject(unit)).includes("SCHOOL_ADMIN");

/** An official whose territory holds the unit (the ministry: everywhere). */
export const governsUnit = (caller: Caller, unit: OrgUnit): boolean => officialCovers(caller, unitSubject(unit));

/*
 * Standing checks of the workflows (who may record marks at a school, link a guardian, file a request).
 * Each is written once, here, from `relationshipsOf`, so a workflow rule and the field policy can never
 * disagree about who is a school's admin or a child's guardian.
 */

/** A place (a school, or a class of it) as a subject with no person behind it: for standing checks only. */
function placeAt(schoolId: string | null | undefined, classIds: readonly string[] = []): DataSubject {
  return { id: "", kind: "STAFF", schoolIds: schoolId ? [schoolId] : [], districtIds: [], regionIds: [], classIds: [...classIds] };
}

/** The caller is the school admin of `schoolId` (the SCHOOL_ADMIN relationship to anything attached to it). */
export const isSchoolAdminOf = (caller: Caller | null | undefined, schoolId: string | null | undefined): boolean =>
  !!caller && !!schoolId && relationshipsOf(caller, placeAt(schoolId)).includes("SCHOOL_ADMIN");

/** The school the caller administers (their own org's school, if they stand as its admin), or null. */
export const adminSchoolOf = (caller: Caller | null | undefined): string | null =>
  caller && isSchoolAdminOf(caller, caller.org.schoolId) ? caller.org.schoolId! : null;

/** The caller is the school admin of one of the subject's schools. */
export const isSchoolAdminOfSubject = (caller: Caller, subject: DataSubject): boolean =>
  relationshipsOf(caller, subject).includes("SCHOOL_ADMIN");

/** The caller is the person, or a parent (legal representative) of the student `subjectId`. */
export function isSelfOrGuardianOf(caller: Caller, subjectId: string): boolean {
  const asChild: DataSubject = { id: subjectId, kind: "STUDENT", schoolIds: [], districtIds: [], regionIds: [], classIds: [] };
  const found = relationshipsOf(caller, asChild);
  return found.includes("SELF") || found.includes("GUARDIAN");
}

/** The data protection officer handling an open request of the subject (the subject's facts must carry it). */
export const isHandlingRequestOf = (caller: Caller, subject: DataSubject): boolean =>
  relationshipsOf(caller, subject).includes("DPO_HANDLING");
