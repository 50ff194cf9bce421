import { Entity, Enum, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { TERM_KINDS, type TermKind } from "../calendar/school-days.js";

/** A quarter (grades 1–9) or a half (grades 10–11) of one school year. */
@Entity({ tableName: "academic_terms" })
@Unique({ properties: ["year", "kind", "number"] })
@Index({ properties: ["startsOn", "endsOn"] })
export class AcademicTerm {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  /** The year the school year starts in (2026 = 2026/2027). */
  @Property({ type: "integer" })
  year: number;

  @Enum({ items: () => [...TERM_KINDS], type: "string" })
  kind: TermKind;

  /** 1..4 for quarters, 1..2 for halves. */
  @Property({ type: "integer" })
  number: number;

  @Property({ type: "string", length: 10 })
  startsOn: string;

  @Property({ type: "string", length: 10 })
  endsOn: string;
}
