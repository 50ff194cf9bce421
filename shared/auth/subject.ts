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
   * Whether the person has an open data request (shared/privacy/open-requests.ts). Filled by the shared
   * enforcement when the caller is the data protection officer; subjects.ts files never set it.
   */
  openDataRequest?: boolean;
}

/** A subject nobody but the person and the data protection officer relates to (e.g. an unknown id). */
export const isolatedSubject = (id: string, kind: SubjectKind = "STUDENT"): DataSubject => ({
  id,
  kind,
  schoolIds: [],
  districtIds: [],
  regionIds: [],
  classIds: [],
});
