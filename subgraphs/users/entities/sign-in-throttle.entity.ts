import { Entity, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Failed sign-ins per login at one address ("login:<name>|<addr>"), per login from new addresses
 * ("login:<name>") and per client address ("ip:<addr>"), for slow-down and lockout (sign-in/throttle.ts).
 * A pair row with `lastSuccessAt` also says the address is known to the login.
 */
@Entity({ tableName: "sign_in_throttles" })
export class SignInThrottle {
  [OptionalProps]?: "failures";

  @PrimaryKey({ type: "string", length: 120 })
  key: string;

  /** The login (or partner) key a row belongs to, so anonymisation removes every row naming it; null for an address. */
  @Index()
  @Property({ type: "string", length: 80, nullable: true })
  account?: string | null;

  @Property({ type: "integer" })
  failures: number = 0;

  @Property({ type: "datetime", nullable: true })
  lastFailureAt?: Date | null;

  @Property({ type: "datetime", nullable: true })
  lockedUntil?: Date | null;

  /** Last successful sign-in of the account from this address (pair rows only). */
  @Property({ type: "datetime", nullable: true })
  lastSuccessAt?: Date | null;
}
