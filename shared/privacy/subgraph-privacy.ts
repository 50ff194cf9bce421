/**
 * What each subgraph tells the shared retention machinery about itself: how to anonymise a person in its
 * own tables, and (for subgraphs that keep a replica of enrolments or memberships) how a leaving changes
 * that replica. Registered on the SubgraphModule, so the server, `npm run retention` and the erasure
 * consumer reach the same code.
 */
import type { EntityManager } from "@mikro-orm/core";

/** Rows changed per table (table name → count). */
export type TableCounts = Record<string, number>;

/** What an anonymiser may need from the configuration. */
export interface AnonymiseSettings {
  /** How long an access token lives: a session revoked now must be refused for that long. */
  accessTtlSeconds: number;
}

/**
 * Replaces or removes everything identifying about `subjectId` in one subgraph's tables, keeping the
 * rows statistics need. Runs inside the caller's transaction; idempotent (a second call changes nothing
 * and counts zero).
 */
export type Anonymiser = (em: EntityManager, subjectId: string, settings?: AnonymiseSettings) => Promise<TableCounts>;

export const LEAVE_REASONS = ["GRADUATED", "TRANSFERRED_OUT"] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/** Payload of `institutions.enrolment.ended`. `endedOn`: from that day on the student is no longer enrolled. */
export interface EnrolmentEnded {
  studentId: string;
  classId: string;
  schoolId: string;
  endedOn: string;
  reason: LeaveReason;
}

/** Payload of `institutions.employment.ended`; `schoolId` is null for staff not at a school. */
export interface EmploymentEnded {
  userId: string;
  schoolId: string | null;
  endedOn: string;
}

export interface SubgraphPrivacy {
  anonymise: Anonymiser;
  /** Brings this subgraph's replica of enrolments up to date; runs in the consumer's transaction. */
  onEnrolmentEnded?: (em: EntityManager, ended: EnrolmentEnded) => Promise<void>;
  /** Brings this subgraph's replica of memberships up to date; runs in the consumer's transaction. */
  onEmploymentEnded?: (em: EntityManager, ended: EmploymentEnded) => Promise<void>;
}
