import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Replica from users: a student's name, the only thing of the person a notice needs to say whom it is
 * about, in the guardian's script. From `users.profile.changed` (whose payload names students only); the
 * seed writes it for the seeded world.
 */
@Entity({ tableName: "student_names" })
export class StudentName {
  [OptionalProps]?: "cyrl" | "changedAt";

  @PrimaryKey({ type: "string", length: 36 })
  studentId: string;

  /** As written in documents, Uzbek Latin. */
  @Property({ type: "string", length: 200 })
  latn: string;

  /** The Cyrillic spelling when it is not a plain transliteration. */
  @Property({ type: "string", length: 200, nullable: true })
  cyrl?: string | null;

  @Property({ type: "datetime", nullable: true })
  changedAt?: Date | null;
}
