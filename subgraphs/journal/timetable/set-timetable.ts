/**
 * Setting (replacing) a class's timetable for one term. Every rule is checked before the transaction
 * opens; the old entries go and the new ones come in one commit.
 */
import { randomUUID } from "node:crypto";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { findTerm } from "../calendar/calendar-store.js";
import { MAX_PERIOD, termKindFor, weekdayName, weekdayNumber, type WeekdayName } from "../calendar/school-days.js";
import type { JournalContext } from "../context.js";
import { AcademicTerm, TeachingReplica, TimetableEntry, type ClassPlace } from "../entities/index.js";
import { assertSchoolAdminOfClass } from "../permissions.js";

type Ctx = AuthedContext<JournalContext>;

export interface TimetableEntryData {
  weekday: WeekdayName;
  period: number;
  subjectId: string;
  teacherId: string;
  room?: string | null;
}

export const MAX_ROOM_LENGTH = 50;

interface CheckedEntry {
  weekday: number;
  period: number;
  subjectId: string;
  teacherId: string;
  room: string | null;
}

/** Shape of each entry, and no slot twice. */
function checkEntries(entries: readonly TimetableEntryData[]): CheckedEntry[] {
  const slots = new Set<string>();
  return entries.map((entry, i) => {
    const field = `input.entries[${i}]`;
    if (!Number.isInteger(entry.period) || entry.period < 1 || entry.period > MAX_PERIOD) {
      throw new BadUserInputError(`${field}.period`, `a period is a whole number from 1 to ${MAX_PERIOD}, got ${entry.period}`);
    }
    const room = entry.room?.trim() || null;
    if (room && room.length > MAX_ROOM_LENGTH) throw new BadUserInputError(`${field}.room`, `at most ${MAX_ROOM_LENGTH} characters`);
    const slot = `${entry.weekday}|${entry.period}`;
    if (slots.has(slot)) throw new BadUserInputError(field, `two entries for ${entry.weekday}, period ${entry.period}`);
    slots.add(slot);
    return {
      weekday: weekdayNumber(entry.weekday),
      period: entry.period,
      subjectId: parseId(entry.subjectId, `${field}.subjectId`),
      teacherId: parseId(entry.teacherId, `${field}.teacherId`),
      room,
    };
  });
}

/** Every entry's teacher teaches its subject in this class, per the teaching replica. */
async function checkAssignments(ctx: Ctx, classId: string, entries: readonly CheckedEntry[]): Promise<void> {
  const assigned = await ctx.em.find(TeachingReplica, { classId });
  const pairs = new Set(assigned.map((a) => `${a.teacherId}|${a.subjectId}`));
  const wrong = entries.findIndex((e) => !pairs.has(`${e.teacherId}|${e.subjectId}`));
  if (wrong >= 0) {
    throw new BadUserInputError(`input.entries[${wrong}].teacherId`, "this teacher does not teach this subject in this class");
  }
}

/** No teacher is in another class at the same weekday and period in a term whose days overlap this one. */
async function checkTeacherClashes(ctx: Ctx, classId: string, term: AcademicTerm, entries: readonly CheckedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const overlapping = await ctx.em.find(AcademicTerm, { startsOn: { $lte: term.endsOn }, endsOn: { $gte: term.startsOn } });
  const others = await ctx.em.find(TimetableEntry, {
    teacherId: { $in: [...new Set(entries.map((e) => e.teacherId))] },
    termId: { $in: overlapping.map((t) => t.id) },
    classId: { $ne: classId },
  });
  const busy = new Set(others.map((o) => `${o.teacherId}|${o.weekday}|${o.period}`));
  const clash = entries.findIndex((e) => busy.has(`${e.teacherId}|${e.weekday}|${e.period}`));
  if (clash >= 0) {
    const e = entries[clash]!;
    throw new BadUserInputError(
      `input.entries[${clash}].teacherId`,
      `the teacher already has a lesson in another class on ${weekdayName(e.weekday)}, period ${e.period}`,
    );
  }
}

/** The term a timetable is for: it exists, and it is of the kind the class's grade keeps. */
export async function termForClass(ctx: Ctx, place: ClassPlace, termIdArg: string, field: string): Promise<AcademicTerm> {
  const termId = parseId(termIdArg, field);
  const term = await findTerm(ctx.em, termId);
  if (!term) throw new NotFoundError("AcademicTerm");
  const kind = termKindFor(place.gradeLevel);
  if (term.kind !== kind) {
    throw new BadUserInputError(
      field,
      `grade ${place.gradeLevel} keeps ${kind === "HALF_YEAR" ? "halves" : "quarters"}, not a ${term.kind === "HALF_YEAR" ? "half-year" : "quarter"}`,
    );
  }
  return term;
}

export async function setTimetable(
  ctx: Ctx,
  input: { classId: string; termId: string; entries: TimetableEntryData[] },
): Promise<{ place: ClassPlace; term: AcademicTerm; entries: TimetableEntry[] }> {
  const classId = parseId(input.classId, "input.classId");
  const place = await assertSchoolAdminOfClass(ctx, classId);
  const entries = checkEntries(input.entries);
  const term = await termForClass(ctx, place, input.termId, "input.termId");
  await checkAssignments(ctx, classId, entries);
  await checkTeacherClashes(ctx, classId, term, entries);

  const written = await ctx.em.transactional(async (em) => {
    await em.nativeDelete(TimetableEntry, { classId, termId: term.id });
    return entries.map((e) => em.create(TimetableEntry, { id: randomUUID(), classId, termId: term.id, ...e }));
  });
  return { place, term, entries: written.sort((a, b) => a.weekday - b.weekday || a.period - b.period) };
}
