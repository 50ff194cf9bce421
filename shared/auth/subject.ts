/**
 * What the policy needs to know about the person whose data is being released. Each subgraph
 * builds these from its own tables or replicas (see `subjects.ts` in every subgraph).
 */
export type SubjectKind = "STUDENT" | "PARENT" | "STAFF";

export interface DataSubject {
  id: string;
  kind: SubjectKind;
  /** Student: own school; parent: the children's schools; staff: the school they work at. */
  schoolIds: string[];
  /** Territory of those schools, or the official's own district/region. */
  districtIds: string[];
  regionIds: string[];
  /** Student: own class; parent: the children's classes; staff: classes taught or led. */
  classIds: string[];
  /** A row of academic data (a grade, an attendance mark) names the school subject it belongs to. */
  academicSubjectId?: string;
  /**
   * Student: every enrolment with its dates, ended ones included. A transfer or a move ends one and starts
   * another; the school and class of an ended one still relate to the records dated while it lasted.
   */
  enrolments?: EnrolmentSpan[];
  /** A dated record (a mark, an attendance cell): class and school relationships hold only through an enrolment covering this day. */
  recordDate?: string;
  /**
   * A row of one lesson (its marks, its attendance, its class list) that the school gave to a substitute:
   * who, and the last day (Tashkent) of their rights over it (the lesson's day + SUBSTITUTE_DAYS).
   */
  substitutes?: ReadonlyArray<Substitution>;
  /**
   * Whether the person has an open data request (shared/privacy/open-requests.ts). Filled by the shared
   * enforcement when the caller is the data protection officer; subjects.ts files never set it.
   */
  openDataRequest?: boolean;
}

export interface Substitution {
  teacherId: string;
  until: string;
}

/** One enrolment of a student: in `classId` from `from` (inclusive) to `to` (exclusive; null while it lasts). */
export interface EnrolmentSpan {
  classId: string;
  schoolId: string;
  districtId?: string;
  regionId?: string;
  from?: string | null;
  to?: string | null;
}

/** Whether the enrolment covered `day`. */
export const spanCovers = (span: EnrolmentSpan, day: string): boolean => (!span.from || span.from <= day) && (!span.to || day < span.to);

/** A subject nobody but the person and the data protection officer relates to (e.g. an unknown id). */
export const isolatedSubject = (id: string, kind: SubjectKind = "STUDENT"): DataSubject => ({
  id,
  kind,
  schoolIds: [],
  districtIds: [],
  regionIds: [],
  classIds: [],
});
