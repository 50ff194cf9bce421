import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Replica from institutions: teacher × class × subject, the authority for who may write marks, on the days
 * from `startsOn` until before `endsOn` (null: open that way; the seed's rows have no dates).
 */
@Entity({ tableName: "teaching_replicas" })
export class TeachingReplica {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Index()
  @Property({ type: "string", length: 36 })
  teacherId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  classId: string;

  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Property({ type: "string", length: 10, nullable: true })
  startsOn?: string | null;

  @Property({ type: "string", length: 10, nullable: true })
  endsOn?: string | null;
}

/** The assignments in force on `day`: a teacher writes only inside the dates of their assignment. */
export const teachingOn = (day: string) => ({
  $and: [{ $or: [{ startsOn: null }, { startsOn: { $lte: day } }] }, { $or: [{ endsOn: null }, { endsOn: { $gt: day } }] }],
});
