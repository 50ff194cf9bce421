/**
 * The academic calendars the Ministry of Preschool and School Education published, as data: quarters
 * (grades 1–9), halves (grades 10–11), the vacations between quarters and the public holidays that fall on
 * school days. Written into the journal's tables by the seed and, for a database that has none yet, on
 * first use (calendar-store.ts); the tables, not this file, are what the journal reads.
 */
import type { BreakKind, TermKind } from "./school-days.js";

export interface OfficialTerm {
  kind: TermKind;
  number: number;
  startsOn: string;
  endsOn: string;
}

export interface OfficialBreak {
  kind: BreakKind;
  startsOn: string;
  endsOn: string;
  nameLatn: string;
  nameCyrl: string;
  nameRu: string;
}

export interface OfficialCalendar {
  /** The year the school year starts in: 2026 is 2026/2027. */
  year: number;
  terms: readonly OfficialTerm[];
  breaks: readonly OfficialBreak[];
}

const YEAR_2026: OfficialCalendar = {
  year: 2026,
  terms: [
    { kind: "QUARTER", number: 1, startsOn: "2026-09-02", endsOn: "2026-10-31" },
    { kind: "QUARTER", number: 2, startsOn: "2026-11-09", endsOn: "2026-12-26" },
    { kind: "QUARTER", number: 3, startsOn: "2027-01-11", endsOn: "2027-03-19" },
    { kind: "QUARTER", number: 4, startsOn: "2027-03-30", endsOn: "2027-05-25" },
    // Grades 10–11 keep halves; the vacations inside a half are breaks like the others.
    { kind: "HALF", number: 1, startsOn: "2026-09-02", endsOn: "2026-12-26" },
    { kind: "HALF", number: 2, startsOn: "2027-01-11", endsOn: "2027-05-25" },
  ],
  breaks: [
    {
      kind: "VACATION",
      startsOn: "2026-11-01",
      endsOn: "2026-11-08",
      nameLatn: "Kuzgi ta’til",
      nameCyrl: "Кузги таътил",
      nameRu: "Осенние каникулы",
    },
    {
      kind: "VACATION",
      startsOn: "2026-12-27",
      endsOn: "2027-01-10",
      nameLatn: "Qishki ta’til",
      nameCyrl: "Қишки таътил",
      nameRu: "Зимние каникулы",
    },
    {
      kind: "VACATION",
      startsOn: "2027-03-20",
      endsOn: "2027-03-29",
      nameLatn: "Bahorgi ta’til",
      nameCyrl: "Баҳорги таътил",
      nameRu: "Весенние каникулы",
    },
    {
      kind: "HOLIDAY",
      startsOn: "2026-10-01",
      endsOn: "2026-10-01",
      nameLatn: "O‘qituvchi va murabbiylar kuni",
      nameCyrl: "Ўқитувчи ва мураббийлар куни",
      nameRu: "День учителей и наставников",
    },
    {
      kind: "HOLIDAY",
      startsOn: "2026-12-08",
      endsOn: "2026-12-08",
      nameLatn: "Konstitutsiya kuni",
      nameCyrl: "Конституция куни",
      nameRu: "День Конституции",
    },
    {
      kind: "HOLIDAY",
      startsOn: "2027-03-08",
      endsOn: "2027-03-08",
      nameLatn: "Xalqaro xotin-qizlar kuni",
      nameCyrl: "Халқаро хотин-қизлар куни",
      nameRu: "Международный женский день",
    },
    {
      kind: "HOLIDAY",
      startsOn: "2027-03-21",
      endsOn: "2027-03-21",
      nameLatn: "Navro‘z bayrami",
      nameCyrl: "Наврўз байрами",
      nameRu: "Навруз",
    },
    {
      kind: "HOLIDAY",
      startsOn: "2027-05-09",
      endsOn: "2027-05-09",
      nameLatn: "Xotira va qadrlash kuni",
      nameCyrl: "Хотира ва қадрлаш куни",
      nameRu: "День памяти и почестей",
    },
  ],
};

export const OFFICIAL_CALENDARS: ReadonlyMap<number, OfficialCalendar> = new Map([[YEAR_2026.year, YEAR_2026]]);
