/**
 * The ministry sets a school year's calendar: quarters, half-years for grades 10–11, vacations and public
 * holidays, the moving ones (Ramazon hayiti, Qurbon hayiti) included. Every check runs before the write;
 * the year's rows are then replaced in one transaction. Term ids are derived from year, kind and number
 * (calendar-rows.ts), so timetables kept by term id survive a correction of the dates.
 *
 * Once the year has begun, what is past stays as it was: a term that has begun keeps its first day, a
 * term may not end before today, and holidays and vacations on days before today may not be added,
 * removed or moved. The future may still change: the lunar holidays are announced shortly before they
 * fall. Lessons already generated on a day that becomes a holiday are left to the school to cancel.
 */
import type { AuthedContext } from "../../../shared/context.js";
import { tashkentDay } from "../../../shared/days.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { isIsoDate } from "../../../shared/scalars.js";
import type { JournalContext } from "../context.js";
import { AcademicTerm, CalendarBreak } from "../entities/index.js";
import { assertMinistry } from "../permissions.js";
import { calendarRows } from "./calendar-rows.js";
import { calendarOfYear } from "./calendar-store.js";
import type { OfficialBreak, OfficialCalendar, OfficialTerm } from "./official-calendars.js";
import { overlaps, TERM_KINDS, type DaySpan, type TermKind } from "./school-days.js";

type Ctx = AuthedContext<JournalContext>;

/** How many terms of each kind a year has: the journal's term marks and locks count on it. */
const TERM_COUNT: Record<TermKind, number> = { QUARTER: 4, HALF_YEAR: 2 };
const MAX_NAME = 200;

export interface CalendarInput {
  year: number;
  terms: OfficialTerm[];
  holidays: Omit<OfficialBreak, "kind">[];
  vacations: Omit<OfficialBreak, "kind">[];
}

function checkSpan(span: DaySpan, field: string, year: number): void {
  for (const end of ["startsOn", "endsOn"] as const) {
    if (!isIsoDate(span[end])) throw new BadUserInputError(`${field}.${end}`, "not a date (YYYY-MM-DD)");
  }
  if (span.startsOn > span.endsOn)
    throw new BadUserInputError(`${field}.endsOn`, `ends (${span.endsOn}) before it starts (${span.startsOn})`);
  const [from, to] = [`${year}-09-01`, `${year + 1}-08-31`];
  if (span.startsOn < from || span.endsOn > to)
    throw new BadUserInputError(
      field,
      `${span.startsOn}..${span.endsOn} lies outside the school year ${year}/${year + 1} (${from}..${to})`,
    );
}

function checkTerms(input: CalendarInput): void {
  input.terms.forEach((t, i) => checkSpan(t, `input.terms[${i}]`, input.year));
  for (const kind of TERM_KINDS) {
    const ofKind = input.terms.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === kind);
    const count = TERM_COUNT[kind];
    if (ofKind.length !== count)
      throw new BadUserInputError("input.terms", `a year has ${count} terms of kind ${kind}, got ${ofKind.length}`);
    const byNumber = [...ofKind].sort((a, b) => a.t.number - b.t.number);
    byNumber.forEach(({ t, i }, n) => {
      if (t.number !== n + 1) throw new BadUserInputError(`input.terms[${i}].number`, `${kind} terms are numbered 1 to ${count}`);
      const before = byNumber[n - 1];
      if (before && t.startsOn <= before.t.endsOn)
        throw new BadUserInputError(
          `input.terms[${i}].startsOn`,
          `${kind} ${t.number} must start after ${kind} ${before.t.number} ends (${before.t.endsOn})`,
        );
    });
  }
}

function checkBreaks(input: CalendarInput): void {
  for (const kind of ["holidays", "vacations"] as const) {
    const spans = input[kind];
    spans.forEach((b, i) => {
      const field = `input.${kind}[${i}]`;
      checkSpan(b, field, input.year);
      for (const name of ["nameLatn", "nameCyrl", "nameRu"] as const) {
        const text = b[name].trim();
        if (text.length === 0 || text.length > MAX_NAME) throw new BadUserInputError(`${field}.${name}`, `1 to ${MAX_NAME} characters`);
      }
      const clash = spans.findIndex((other, j) => j < i && overlaps(other, b));
      if (clash >= 0)
        throw new BadUserInputError(
          `${field}.startsOn`,
          `overlaps input.${kind}[${clash}] (${spans[clash]!.startsOn}..${spans[clash]!.endsOn})`,
        );
    });
  }
}

const breakKey = (b: Pick<OfficialBreak, "kind" | "startsOn" | "endsOn">): string => `${b.kind} ${b.startsOn}..${b.endsOn}`;

/** What has happened by `today` may not change: see the module's comment. */
async function checkPastUnchanged(ctx: Ctx, calendar: OfficialCalendar, today: string): Promise<void> {
  const held = await calendarOfYear(ctx.em, calendar.year);
  if (!held) return;
  calendar.terms.forEach((t, i) => {
    const field = `input.terms[${i}]`;
    const old = held.terms.find((o) => o.kind === t.kind && o.number === t.number);
    if (!old || old.startsOn > today) {
      if (t.startsOn <= today) throw new BadUserInputError(`${field}.startsOn`, `a term may not begin before tomorrow (today is ${today})`);
      return;
    }
    if (t.startsOn !== old.startsOn)
      throw new BadUserInputError(`${field}.startsOn`, `${t.kind} ${t.number} began on ${old.startsOn}; that may not change`);
    if (old.endsOn < today ? t.endsOn !== old.endsOn : t.endsOn < today)
      throw new BadUserInputError(
        `${field}.endsOn`,
        `${t.kind} ${t.number} may not end before today (${today}), nor move its end once past`,
      );
  });
  const past = (b: DaySpan): boolean => b.startsOn < today;
  const before = held.breaks.filter(past).map(breakKey).sort();
  const after = calendar.breaks.filter(past).map(breakKey).sort();
  if (before.join() !== after.join())
    throw new BadUserInputError("input.holidays", `holidays and vacations before today (${today}) may not be added, removed or moved`);
}

/** Checks and writes a year's calendar; returns the year. */
export async function setAcademicCalendar(ctx: Ctx, input: CalendarInput): Promise<number> {
  assertMinistry(ctx);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new BadUserInputError("input.year", `a school year from 2000 to 2100, got ${input.year}`);
  checkTerms(input);
  checkBreaks(input);
  const calendar: OfficialCalendar = {
    year: input.year,
    terms: input.terms.map(({ kind, number, startsOn, endsOn }) => ({ kind, number, startsOn, endsOn })),
    breaks: [
      ...input.vacations.map((b) => ({ ...b, kind: "VACATION" as const })),
      ...input.holidays.map((b) => ({ ...b, kind: "HOLIDAY" as const })),
    ].map(({ kind, startsOn, endsOn, nameLatn, nameCyrl, nameRu }) => ({
      kind,
      startsOn,
      endsOn,
      nameLatn: nameLatn.trim(),
      nameCyrl: nameCyrl.trim(),
      nameRu: nameRu.trim(),
    })),
  };
  await checkPastUnchanged(ctx, calendar, tashkentDay());
  const { terms, breaks } = calendarRows(calendar);
  // Native statements in a fork of their own: the request's identity map may hold the rows replaced here.
  await ctx.em.fork().transactional(async (tx) => {
    await tx.nativeDelete(AcademicTerm, { year: calendar.year });
    await tx.nativeDelete(CalendarBreak, { year: calendar.year });
    await tx.insertMany(AcademicTerm, terms);
    await tx.insertMany(CalendarBreak, breaks);
  });
  return calendar.year;
}
