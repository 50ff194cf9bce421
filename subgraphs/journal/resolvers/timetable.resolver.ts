import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { tashkentDay } from "../../../shared/days.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { weekdayName, type WeekdayName } from "../calendar/school-days.js";
import { currentOrNextTerm } from "../calendar/term-of.js";
import type { JournalContext } from "../context.js";
import { TimetableEntry, type AcademicTerm } from "../entities/index.js";
import { mayReadClassSchedule } from "../permissions.js";
import { setTimetable, termForClass } from "../timetable/set-timetable.js";
import { SchoolClassRef, SubjectRef, UserRef } from "../types/index.js";
import { SetTimetableInput, TimetableArgs, TimetableEntryType, TimetableType, WeekdayEnum } from "../types/schedule.js";

/** What a Timetable resolves from. */
interface TimetableRow {
  classId: string;
  term: AcademicTerm;
  entries: TimetableEntry[];
}

/**
 * A class's weekly timetable per term: kept by the school's administration, read by the class's
 * teachers, students and parents. Teachers appear as User references: their names are the users
 * subgraph's, released by its own rules.
 */
@Resolver(() => TimetableType)
export class TimetableResolver {
  @Query(() => TimetableType, { nullable: true, description: "Null when the school year has no term for the class" })
  async timetable(@Args(() => TimetableArgs) args: TimetableArgs, @Ctx() ctx: AuthedContext<JournalContext>): Promise<TimetableRow | null> {
    const classId = parseId(args.classId, "classId");
    const place = await ctx.loaders.classPlace.load(classId);
    if (!place) throw new NotFoundError("SchoolClass");
    if (!mayReadClassSchedule(ctx.caller, place))
      throw new ForbiddenError("Only the class's school, teachers, students and parents see its timetable");
    const term = args.termId
      ? await termForClass(ctx, place, args.termId, "termId")
      : await currentOrNextTerm(ctx.em, tashkentDay(), place.gradeLevel);
    if (!term) return null;
    const entries = await ctx.em.find(TimetableEntry, { classId, termId: term.id }, { orderBy: { weekday: "asc", period: "asc" } });
    return { classId, term, entries };
  }

  @Mutation(() => TimetableType, { description: "Sets (replaces) a class's timetable for a term: the school's administration" })
  async setTimetable(
    @Arg("input", () => SetTimetableInput) input: SetTimetableInput,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<TimetableRow> {
    const { place, term, entries } = await setTimetable(ctx, input);
    return { classId: place.classId, term, entries };
  }

  @FieldResolver(() => SchoolClassRef)
  schoolClass(@Root() row: TimetableRow): SchoolClassRef {
    return { id: row.classId };
  }
}

@Resolver(() => TimetableEntryType)
export class TimetableEntryResolver {
  @FieldResolver(() => WeekdayEnum)
  weekday(@Root() entry: TimetableEntry): WeekdayName {
    return weekdayName(entry.weekday);
  }

  @FieldResolver(() => SubjectRef)
  subject(@Root() entry: TimetableEntry): SubjectRef {
    return { id: entry.subjectId };
  }

  @FieldResolver(() => UserRef)
  teacher(@Root() entry: TimetableEntry): UserRef {
    return { id: entry.teacherId };
  }
}
