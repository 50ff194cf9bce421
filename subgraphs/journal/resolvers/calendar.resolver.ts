import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { EntityManager } from "@mikro-orm/core";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { localName } from "../../../shared/i18n/names.js";
import { calendarOfYear } from "../calendar/calendar-store.js";
import type { JournalContext } from "../context.js";
import type { CalendarBreak } from "../entities/index.js";
import { setAcademicCalendar } from "../calendar/set-calendar.js";
import { AcademicCalendarInput, AcademicCalendarType, CalendarBreakType } from "../types/schedule.js";

/** The academic calendar is public to every signed-in caller: dates, not personal data. */
@Resolver(() => CalendarBreakType)
export class CalendarResolver {
  @Query(() => AcademicCalendarType, { nullable: true, description: "Null when no calendar is known for that school year" })
  async academicCalendar(
    @Arg("year", () => Int, { description: "The year the school year starts in: 2026 for 2026/2027" }) year: number,
    @Ctx() ctx: JournalContext,
  ): Promise<AcademicCalendarType | null> {
    if (year < 2000 || year > 2100) throw new BadUserInputError("year", `a school year from 2000 to 2100, got ${year}`);
    return calendarView(ctx.em, year);
  }

  @Mutation(() => AcademicCalendarType, { description: "Sets (replaces) a school year's calendar: the ministry" })
  async setAcademicCalendar(
    @Arg("input", () => AcademicCalendarInput) input: AcademicCalendarInput,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<AcademicCalendarType> {
    const year = await setAcademicCalendar(ctx, input);
    // A fresh fork: the rows were replaced by native statements this request's identity map did not see.
    return (await calendarView(ctx.em.fork(), year))!;
  }

  @FieldResolver(() => String)
  name(@Root() row: CalendarBreak, @Ctx() ctx: JournalContext): string {
    return localName({ latn: row.nameLatn, cyrl: row.nameCyrl, ru: row.nameRu }, ctx.locale);
  }
}

/** One year's calendar as the schema shows it; null when the tables hold none. */
async function calendarView(em: EntityManager, year: number): Promise<AcademicCalendarType | null> {
  const calendar = await calendarOfYear(em, year);
  if (!calendar) return null;
  const dates = calendar.terms.flatMap((t) => [t.startsOn, t.endsOn]).sort();
  return {
    year,
    startsOn: dates[0]!,
    endsOn: dates[dates.length - 1]!,
    terms: calendar.terms,
    holidays: calendar.breaks.filter((b) => b.kind === "HOLIDAY"),
    vacations: calendar.breaks.filter((b) => b.kind === "VACATION"),
  } as unknown as AcademicCalendarType;
}
