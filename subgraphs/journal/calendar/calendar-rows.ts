/**
 * Rows of an official calendar, with ids derived from what each row is (year, kind, number or start):
 * the same quarter has the same id in every database, however it got there (seed or first use).
 */
import { createHash } from "node:crypto";
import type { AcademicTerm, CalendarBreak } from "../entities/index.js";
import type { OfficialCalendar } from "./official-calendars.js";

/** A name-based UUID (version 5 layout over SHA-1). */
function nameId(name: string): string {
  const hex = createHash("sha1").update(`emaktab-calendar:${name}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type TermRow = Pick<AcademicTerm, "id" | "year" | "kind" | "number" | "startsOn" | "endsOn">;
export type BreakRow = Pick<CalendarBreak, "id" | "year" | "kind" | "startsOn" | "endsOn" | "nameLatn" | "nameCyrl" | "nameRu">;

export function calendarRows(calendar: OfficialCalendar): { terms: TermRow[]; breaks: BreakRow[] } {
  return {
    terms: calendar.terms.map((t) => ({ id: nameId(`${calendar.year}:${t.kind}:${t.number}`), year: calendar.year, ...t })),
    breaks: calendar.breaks.map((b) => ({ id: nameId(`${calendar.year}:${b.kind}:${b.startsOn}`), year: calendar.year, ...b })),
  };
}
