import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

/** A user's password as an scrypt hash with its own salt and cost parameters; never leaves this subgraph. */
@Entity({ tableName: "password_credentials" })
export class PasswordCredential {
  [OptionalProps]?: "updatedAt";

  @PrimaryKey({ type: "string", length: 36 })
  userId: string;

  /** "scrypt$N$r$p$salt$hash", base64 parts. */
  @Property({ type: "string", length: 300 })
  hash: string;

  @Property({ type: "datetime" })
  updatedAt: Date = now();
}
