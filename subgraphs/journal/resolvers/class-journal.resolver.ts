import { Args, Ctx, Query, Resolver } from "type-graphql";
import { decide } from "../../../shared/auth/policy.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { AttendanceMark, Grade, Lesson, RosterEntry } from "../entities/index.js";
import { checkRange, MAX_RANGE_DAYS } from "../lessons/input-rules.js";
import { classSubject, studentSubject } from "../privacy/subjects.js";
import { ACADEMIC_PURPOSES, ClassJournalArgs, ClassJournalType } from "../types/index.js";

const groupBy = <T extends { studentId: string }>(rows: T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.studentId, [...(groups.get(row.studentId) ?? []), row]);
  return groups;
};

/**
 * One class's page of the journal for one subject. Costs a fixed number of statements whatever the
 * class size: lessons, grades and attendance are each read once for the whole class and grouped here.
 */
@Resolver(() => ClassJournalType)
export class ClassJournalResolver {
  @Query(() => ClassJournalType)
  async classJournal(
    @Args(() => ClassJournalArgs) args: ClassJournalArgs,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<ClassJournalType> {
    const classId = parseId(args.classId, "classId");
    const subjectId = parseId(args.subjectId, "subjectId");
    const { from, to } = args;
    checkRange(from, to, MAX_RANGE_DAYS);
    const place = await ctx.loaders.classPlace.load(classId);
    if (!place) throw new NotFoundError("SchoolClass");
    // Object-level: may this caller read this class's marks in this subject at all? Rows are filtered again below.
    if (!decide(ctx.caller, classSubject(place, subjectId), "academic", ACADEMIC_PURPOSES).released) {
      throw new ForbiddenError("You may not read this class's journal for this subject");
    }

    const inRange = { classId, subjectId, date: { $gte: from, $lte: to } };
    const [roster, lessons, grades, attendance] = await Promise.all([
      // Everyone on the roster at some point of the range, leavers included: their rows stay where they were given.
      ctx.em.find(
        RosterEntry,
        { classId, startsOn: { $lte: to }, $or: [{ endsOn: null }, { endsOn: { $gt: from } }] },
        { orderBy: { studentId: "asc" } },
      ),
      ctx.em.find(Lesson, inRange, { orderBy: { date: "asc", period: "asc" } }),
      ctx.em.find(Grade, inRange, { orderBy: { date: "asc", recordedAt: "asc" } }),
      ctx.em.find(AttendanceMark, inRange, { orderBy: { date: "asc" } }),
    ]);
    for (const lesson of lessons) ctx.loaders.lesson.prime(lesson.id, lesson);
    const studentIds = [...new Set(roster.map((r) => r.studentId))];
    // Warm the subjects the row filter will ask for, in one batch rather than one per row.
    await Promise.all(studentIds.map((id) => studentSubject(ctx, id)));

    const gradesOf = groupBy(grades);
    const attendanceOf = groupBy(attendance);
    return {
      schoolClass: { id: classId },
      subject: { id: subjectId },
      lessons,
      rows: studentIds.map((id) => ({ student: { id }, grades: gradesOf.get(id) ?? [], attendance: attendanceOf.get(id) ?? [] })),
    } as ClassJournalType;
  }
}
