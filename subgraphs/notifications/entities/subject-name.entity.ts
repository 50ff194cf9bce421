import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Replica of institutions' subject catalogue: the names a notice calls a subject by. Journal events carry
 * the subject's id only; the catalogue is national and changes with the curriculum, not with the school
 * day, so the seed (and later the catalogue's own events) keep this copy. Not personal data.
 */
@Entity({ tableName: "subject_names" })
export class SubjectName {
  @PrimaryKey({ type: "string", length: 36 })
  subjectId: string;

  /** Uzbek Latin, as the curriculum writes it (the Cyrillic is its transliteration). */
  @Property({ type: "string", length: 200 })
  latn: string;

  @Property({ type: "string", length: 200, nullable: true })
  ru?: string | null;
}
