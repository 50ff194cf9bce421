import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { now } from "../../../shared/clock.js";

export const DATA_REQUEST_KINDS = ["RECTIFICATION", "BLOCKING", "UNBLOCKING", "ERASURE"] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];

/** The grounds a subject may give (the operator's policy: incomplete, outdated, unreliable, unlawfully obtained, not needed). */
export const DATA_REQUEST_REASONS = ["INCOMPLETE", "OUTDATED", "UNRELIABLE", "UNLAWFULLY_OBTAINED", "NOT_NEEDED"] as const;
export type DataRequestReason = (typeof DATA_REQUEST_REASONS)[number];

export const DATA_REQUEST_STATUSES = ["PENDING", "GRANTED", "REFUSED"] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/**
 * A data subject's demand to rectify, block, unblock or erase their personal data, filed by the subject or
 * a parent for their child and decided by the school admin or the data protection officer. Never deleted:
 * the request, its decision and every step taken (data_request_steps) stay as the record of what was done.
 */
@Entity({ tableName: "data_requests" })
@Index({ properties: ["subjectId", "filedAt"] })
@Index({ properties: ["status", "filedAt"] })
export class DataRequest {
  [OptionalProps]?: "id" | "filedAt" | "status" | "corrections" | "reason";

  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Enum({ items: () => [...DATA_REQUEST_KINDS], type: "string" })
  kind: DataRequestKind;

  /** "Type.field" names ("User.phone"); for an erasure, what the subject named (erasure covers the whole person). */
  @Property({ type: "json" })
  fields: string[];

  /** Absent only for an unblocking, which needs no grounds. */
  @Enum({ items: () => [...DATA_REQUEST_REASONS], type: "string", nullable: true })
  reason?: DataRequestReason | null;

  /** Rectification: field → the value it should hold. */
  @Property({ type: "json", nullable: true })
  corrections?: Record<string, string> | null;

  @Property({ type: "string", length: 36 })
  filedById: string;

  @Property({ type: "datetime" })
  filedAt: Date = now();

  @Enum({ items: () => [...DATA_REQUEST_STATUSES], type: "string" })
  status: DataRequestStatus = "PENDING";

  @Property({ type: "string", length: 36, nullable: true })
  decidedById?: string | null;

  @Property({ type: "datetime", nullable: true })
  decidedAt?: Date | null;

  /** Why it was refused (required then), or a remark on a grant. */
  @Property({ type: "text", nullable: true })
  decisionNote?: string | null;
}
