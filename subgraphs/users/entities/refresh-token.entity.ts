import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

/**
 * One refresh token of a session ("family"). Only its SHA-256 is stored. Using a token replaces it;
 * presenting a replaced token again revokes the whole family (it was stolen or replayed).
 */
@Entity({ tableName: "refresh_tokens" })
export class RefreshToken {
  [OptionalProps]?: "createdAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  userId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  familyId: string;

  @Unique()
  @Property({ type: "string", length: 64 })
  tokenHash: string;

  @Property({ type: "datetime" })
  expiresAt: Date;

  @Property({ type: "datetime", nullable: true })
  usedAt?: Date | null;

  @Property({ type: "datetime", nullable: true })
  revokedAt?: Date | null;

  @Property({ type: "datetime" })
  createdAt: Date = now();
}
