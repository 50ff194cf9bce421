import { Entity, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

/**
 * A one-time code that lets a person set a password: ACTIVATION (shown once to whoever created or reset
 * the account) or SMS_RESET (sent to the person's verified phone). Only an scrypt hash is stored; a used
 * or superseded code is kept with `usedAt` so it can never work twice.
 */
@Entity({ tableName: "one_time_codes" })
export class OneTimeCode {
  [OptionalProps]?: "createdAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  userId: string;

  @Property({ type: "string", length: 16 })
  purpose: "ACTIVATION" | "SMS_RESET";

  @Property({ type: "string", length: 300 })
  hash: string;

  @Property({ type: "datetime" })
  expiresAt: Date;

  @Property({ type: "datetime", nullable: true })
  usedAt?: Date | null;

  @Property({ type: "datetime" })
  createdAt: Date = now();
}
