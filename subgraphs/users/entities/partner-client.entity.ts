import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { PARTNER_LEVELS, type PartnerLevel } from "../../../shared/auth/partners.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { now } from "../../../shared/clock.js";

/**
 * An integration partner's client credentials, issued by the operator (shared/auth/partners.ts says what a
 * partner may do). The id is the client id and the `sub` and `sid` of its tokens; the secret is kept only as
 * an scrypt hash, like a password. Never deleted: a revoked client stays as the record of who had access.
 */
@Entity({ tableName: "partner_clients" })
@Index({ properties: ["revokedAt", "createdAt"] })
export class PartnerClient {
  [OptionalProps]?: "id" | "createdAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  /** The partner organisation and its integration, e.g. "Chilonzor 1-maktab — kutubxona tizimi". */
  @Property({ type: "string", length: 200 })
  name: string;

  /** "scrypt$N$r$p$salt$hash" of the current secret (sign-in/password.ts). */
  @Property({ type: "string", length: 300 })
  secretHash: string;

  /** The purposes its tokens may declare (a subset of PARTNER_LEVEL_PURPOSES of its scope). */
  @Property({ type: "json" })
  purposes: Purpose[];

  @Enum({ items: () => [...PARTNER_LEVELS], type: "string" })
  scopeLevel: PartnerLevel;

  /** The region, district or school of the scope; null for MINISTRY (the whole country). */
  @Property({ type: "string", length: 36, nullable: true })
  scopeUnitId?: string | null;

  /** Requests per minute the gateway admits from its tokens. */
  @Property({ type: "integer" })
  ratePerMinute: number;

  @Property({ type: "string", length: 36 })
  createdById: string;

  @Property({ type: "datetime" })
  createdAt: Date = now();

  @Property({ type: "datetime", nullable: true })
  secretRotatedAt?: Date | null;

  @Property({ type: "string", length: 36, nullable: true })
  secretRotatedById?: string | null;

  /** Set once: no token is issued after it, and the tokens issued before are refused everywhere. */
  @Property({ type: "datetime", nullable: true })
  revokedAt?: Date | null;

  @Property({ type: "string", length: 36, nullable: true })
  revokedById?: string | null;
}
