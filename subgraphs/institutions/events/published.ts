/**
 * What institutions tells other subgraphs, through its outbox: ids, dates and reasons, never names.
 * Every subgraph schedules the person's anonymisation from these (shared/privacy/retention-consumers.ts
 * keeps its own copy of the topics) and users and the journal update their replicas.
 */
export type { EmploymentEnded, EnrolmentEnded } from "../../../shared/privacy/subgraph-privacy.js";

export const ENROLMENT_ENDED = "institutions.enrolment.ended";
export const EMPLOYMENT_ENDED = "institutions.employment.ended";
