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

/** The names of the days off, in the three languages the journal speaks. */
const NAMES = {
  autumn: ["Kuzgi ta’til", "Кузги таътил", "Осенние каникулы"],
  winter: ["Qishki ta’til", "Қишки таътил", "Зимние каникулы"],
  spring: ["Bahorgi ta’til", "Баҳорги таътил", "Весенние каникулы"],
  teachers: ["O‘qituvchi va murabbiylar kuni", "Ўқитувчи ва мураббийлар куни", "День учителей и наставников"],
  constitution: ["Konstitutsiya kuni", "Конституция куни", "День Конституции"],
  women: ["Xalqaro xotin-qizlar kuni", "Халқаро хотин-қизлар куни", "Международный женский день"],
  navruz: ["Navro‘z bayrami", "Наврўз байрами", "Навруз"],
  ramazon: ["Ramazon hayiti", "Рамазон ҳайити", "Ураза-байрам (Рамазан хайит)"],
  memory: ["Xotira va qadrlash kuni", "Хотира ва қадрлаш куни", "День памяти и почестей"],
  qurbon: ["Qurbon hayiti", "Қурбон ҳайити", "Курбан-байрам (Курбан хайит)"],
} as const satisfies Record<string, readonly [string, string, string]>;

const days = (kind: OfficialBreak["kind"], name: keyof typeof NAMES, startsOn: string, endsOn = startsOn): OfficialBreak => {
  const [nameLatn, nameCyrl, nameRu] = NAMES[name];
  return { kind, startsOn, endsOn, nameLatn, nameCyrl, nameRu };
};
const vacation = (name: keyof typeof NAMES, startsOn: string, endsOn: string): OfficialBreak => days("VACATION", name, startsOn, endsOn);
const holiday = (name: keyof typeof NAMES, on: string): OfficialBreak => days("HOLIDAY", name, on);

/*
 * Ramazon hayiti and Qurbon hayiti follow the lunar calendar: the dates below are the expected ones
 * (1 Shawwal and 10 Dhu al-Hijjah by the astronomical calendar). The Muslim Board of Uzbekistan
 * announces the exact day shortly before; the ministry then corrects it with setAcademicCalendar,
 * which allows changing days that have not yet come.
 */
const YEAR_2026: OfficialCalendar = {
  year: 2026,
  terms: [
    { kind: "QUARTER", number: 1, startsOn: "2026-09-02", endsOn: "2026-10-31" },
    { kind: "QUARTER", number: 2, startsOn: "2026-11-09", endsOn: "2026-12-26" },
    { kind: "QUARTER", number: 3, startsOn: "2027-01-11", endsOn: "2027-03-19" },
    { kind: "QUARTER", number: 4, startsOn: "2027-03-30", endsOn: "2027-05-25" },
    // Grades 10–11 keep halves; the vacations inside a half are breaks like the others.
    { kind: "HALF_YEAR", number: 1, startsOn: "2026-09-02", endsOn: "2026-12-26" },
    { kind: "HALF_YEAR", number: 2, startsOn: "2027-01-11", endsOn: "2027-05-25" },
  ],
  breaks: [
    vacation("autumn", "2026-11-01", "2026-11-08"),
    vacation("winter", "2026-12-27", "2027-01-10"),
    vacation("spring", "2027-03-20", "2027-03-29"),
    holiday("teachers", "2026-10-01"),
    holiday("constitution", "2026-12-08"),
    holiday("women", "2027-03-08"),
    holiday("ramazon", "2027-03-10"),
    holiday("navruz", "2027-03-21"),
    holiday("memory", "2027-05-09"),
    holiday("qurbon", "2027-05-17"),
  ],
};

const YEAR_2027: OfficialCalendar = {
  year: 2027,
  terms: [
    { kind: "QUARTER", number: 1, startsOn: "2027-09-02", endsOn: "2027-10-31" },
    { kind: "QUARTER", number: 2, startsOn: "2027-11-09", endsOn: "2027-12-26" },
    { kind: "QUARTER", number: 3, startsOn: "2028-01-10", endsOn: "2028-03-18" },
    { kind: "QUARTER", number: 4, startsOn: "2028-03-29", endsOn: "2028-05-25" },
    { kind: "HALF_YEAR", number: 1, startsOn: "2027-09-02", endsOn: "2027-12-26" },
    { kind: "HALF_YEAR", number: 2, startsOn: "2028-01-10", endsOn: "2028-05-25" },
  ],
  breaks: [
    vacation("autumn", "2027-11-01", "2027-11-08"),
    vacation("winter", "2027-12-27", "2028-01-09"),
    vacation("spring", "2028-03-19", "2028-03-28"),
    holiday("teachers", "2027-10-01"),
    holiday("constitution", "2027-12-08"),
    holiday("ramazon", "2028-02-27"),
    holiday("women", "2028-03-08"),
    holiday("navruz", "2028-03-21"),
    holiday("qurbon", "2028-05-05"),
    holiday("memory", "2028-05-09"),
  ],
};

export const OFFICIAL_CALENDARS: ReadonlyMap<number, OfficialCalendar> = new Map([YEAR_2026, YEAR_2027].map((c) => [c.year, c]));
