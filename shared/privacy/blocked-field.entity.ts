import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { now } from "../clock.js";

/**
 * A personal field of one data subject that a granted blocking request withholds from every purpose but
 * LEGAL_REQUEST. The users subgraph writes its own rows when it grants the block; every other subgraph
 * keeps a replica filled from `users.data.blocked`. Only blocks in force are here: lifting one deletes the
 * row (the history of the request lives in the users subgraph's data_request_steps).
 */
@Entity({ tableName: "blocked_fields" })
export class BlockedField {
  [OptionalProps]?: "blockedAt";

  @PrimaryKey({ type: "string", length: 36 })
  subjectId: string;

  /** "Type.field" ("User.phone") or a personal row type ("Grade"). */
  @PrimaryKey({ type: "string", length: 100 })
  field: string;

  @Property({ type: "datetime" })
  blockedAt: Date = now();
}
