import { Entity, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

/**
 * A one-time code: ACTIVATION (shown once to whoever created or reset the account) and SMS_RESET (sent to
 * the person's verified phone) let the person set a password; PHONE_CHECK (sent to the phone on record)
 * verifies that phone and nothing else. Only an scrypt hash is stored; a used
 * or superseded code is kept with `usedAt` so it can never work twice.
 */
export type CodePurpose = "ACTIVATION" | "SMS_RESET" | "PHONE_CHECK";

@Entity({ tableName: "one_time_codes" })
export class OneTimeCode {
  [OptionalProps]?: "createdAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  userId: string;

  @Property({ type: "string", length: 16 })
  purpose: CodePurpose;

  @Property({ type: "string", length: 300 })
  hash: string;

  @Property({ type: "datetime" })
  expiresAt: Date;

  @Property({ type: "datetime", nullable: true })
  usedAt?: Date | null;

  @Property({ type: "datetime" })
  createdAt: Date = now();
}
