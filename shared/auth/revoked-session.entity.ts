import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * A subgraph's replica of the sessions the users subgraph has ended (`users.session.revoked`), kept until
 * the last access token of the session has expired. Access tokens carrying one of these `sid`s are refused.
 */
@Entity({ tableName: "revoked_sessions" })
export class RevokedSession {
  @PrimaryKey({ type: "string", length: 36 })
  sid: string;

  /** After this no access token of the session is valid any more; the row can go. */
  @Index()
  @Property({ type: "datetime" })
  expiresAt: Date;
}
