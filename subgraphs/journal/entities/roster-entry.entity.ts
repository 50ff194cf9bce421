import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/** Replica from institutions: a student on a class roster (no names: the journal needs only ids). */
@Entity({ tableName: "roster_entries" })
export class RosterEntry {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  classId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  studentId: string;

  @Property({ type: "string", length: 10 })
  startsOn: string;

  @Property({ type: "string", length: 10, nullable: true })
  endsOn?: string | null;
}
