/**
 * What the users subgraph tells the others about data requests, through its outbox. Payloads carry ids,
 * field names and, for a rectification, the new values of the contact fields other subgraphs hold copies
 * of; never names. `users.session.revoked` and `users.data.blocked` live in shared/ because every
 * subgraph keeps those replicas with the same code.
 */
export { DATA_BLOCKED, type DataBlocked } from "../../../shared/privacy/blocks.js";

/** A granted rectification changed contact fields: replicas of them take the new values. */
export const PROFILE_RECTIFIED = "users.profile.rectified";
export interface ProfileRectified {
  subjectId: string;
  /** "User.phone" → the new value; only the fields other subgraphs hold. */
  fields: Record<string, string>;
}

/** People who were released fields of the subject before they were corrected: each gets a DATA_CORRECTION notice. */
export const DATA_CORRECTED = "users.data.corrected";
export interface DataCorrected {
  subjectId: string;
  dataRequestId: string;
  /** Each earlier recipient with the corrected fields they had received. */
  recipients: Array<{ recipientId: string; fields: string[] }>;
}

/** A granted erasure: every subgraph anonymises the subject now. */
export const SUBJECT_ERASED = "users.subject.erased";
export interface SubjectErased {
  subjectId: string;
  dataRequestId: string;
}
