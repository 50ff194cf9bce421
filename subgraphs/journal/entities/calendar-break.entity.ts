import { Entity, Enum, Index, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { BREAK_KINDS, type BreakKind } from "../calendar/school-days.js";

/** Days without lessons inside a school year: a public holiday or a vacation, one day or several. */
@Entity({ tableName: "calendar_breaks" })
@Unique({ properties: ["year", "kind", "startsOn"] })
@Index({ properties: ["startsOn", "endsOn"] })
export class CalendarBreak {
  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  @Property({ type: "integer" })
  year: number;

  @Enum({ items: () => [...BREAK_KINDS], type: "string" })
  kind: BreakKind;

  @Property({ type: "string", length: 10 })
  startsOn: string;

  @Property({ type: "string", length: 10 })
  endsOn: string;

  @Property({ type: "string", length: 200 })
  nameLatn: string;

  @Property({ type: "string", length: 200 })
  nameCyrl: string;

  @Property({ type: "string", length: 200 })
  nameRu: string;
}
