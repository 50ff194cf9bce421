import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { NOTICE_CHANNELS, type NoticeChannel } from "../../../shared/config.js";
import type { NotificationKind } from "./notification.entity.js";
import { now } from "../../../shared/clock.js";

export { NOTICE_CHANNELS, type NoticeChannel };

/**
 * PENDING: waiting for its first attempt (or for `nextAttemptAt`, e.g. past quiet hours); FAILED_RETRYING:
 * an attempt failed and another is due at `nextAttemptAt`; SENT: a provider accepted it; DEAD: given up
 * (attempts used up, a provider refused it for good, or nowhere to send it), the dead letter an operator
 * looks at; CANCELLED: the recipient withdrew consent to notices before it went out.
 */
export const DELIVERY_STATUSES = ["PENDING", "FAILED_RETRYING", "SENT", "DEAD", "CANCELLED"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The statuses a worker may still pick up. */
export const OPEN_STATUSES: readonly DeliveryStatus[] = ["PENDING", "FAILED_RETRYING"];

/**
 * One notice through one external channel (in-app needs no row: the notice itself is it). Holds no
 * address and no text: the worker reads both at send time, the address from the contacts replica or the
 * preferences, so a corrected phone number is the one used and nothing personal is copied here.
 */
@Entity({ tableName: "deliveries" })
@Unique({ properties: ["noticeId", "channel"] })
@Index({ properties: ["status", "nextAttemptAt"] })
@Index({ properties: ["recipientId"] })
// The operator's list, most recently changed first.
@Index({ properties: ["updatedAt"] })
export class Delivery {
  [OptionalProps]?: "status" | "attempts" | "createdAt" | "updatedAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "string", length: 36 })
  noticeId: string;

  /** The notice's recipient, whose address the worker looks up (and whose rows erasure deletes). */
  @Property({ type: "string", length: 36 })
  recipientId: string;

  /** The notice's kind, kept so the operator's view needs no look at notices. */
  @Property({ type: "string", length: 20 })
  kind: NotificationKind;

  @Property({ type: "string", length: 10 })
  channel: NoticeChannel;

  @Property({ type: "string", length: 20 })
  status: DeliveryStatus = "PENDING";

  @Property({ type: "integer" })
  attempts: number = 0;

  /** When a worker may (re)try it; null once SENT, DEAD or CANCELLED. A claim moves it ahead as a lease. */
  @Property({ type: "datetime", nullable: true })
  nextAttemptAt?: Date | null;

  /** Set by the worker that claimed the row, so only that worker records the outcome of its attempt. */
  @Index()
  @Property({ type: "string", length: 36, nullable: true })
  claimToken?: string | null;

  @Property({ type: "datetime", nullable: true })
  lastAttemptAt?: Date | null;

  /** What went wrong last, in our words ("HTTP 503", "timeout after 10000 ms"): never a provider's body or an address. */
  @Property({ type: "string", length: 200, nullable: true })
  lastError?: string | null;

  @Property({ type: "datetime", nullable: true })
  sentAt?: Date | null;

  @Property({ type: "datetime" })
  createdAt: Date = now();

  @Property({ type: "datetime", onUpdate: () => now() })
  updatedAt: Date = now();
}
