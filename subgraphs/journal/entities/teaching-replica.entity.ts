import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/** Replica from institutions: teacher × class × subject, the authority for who may write marks. */
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
}
