import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";

/** Failed sign-ins per login ("login:<name>") and per client address ("ip:<addr>"), for slow-down and lockout. */
@Entity({ tableName: "sign_in_throttles" })
export class SignInThrottle {
  [OptionalProps]?: "failures";

  @PrimaryKey({ type: "string", length: 120 })
  key: string;

  @Property({ type: "integer" })
  failures: number = 0;

  @Property({ type: "datetime", nullable: true })
  lastFailureAt?: Date | null;

  @Property({ type: "datetime", nullable: true })
  lockedUntil?: Date | null;
}
