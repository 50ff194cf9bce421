/**
 * Term marks (DESIGN.md §4). A QUARTER mark closes a term: a quarter, or in grades 10–11 a half-year. The
 * teacher sets it, shown as a suggestion the rounded mean of the student's current and intermediate marks of
 * the term (`termMarkSheet`). The ANNUAL mark is never entered: it is the rounded mean of the student's term
 * marks of the year (halves rounded up, as schools do), computed in the same transaction as soon as the
 * year's last term has its mark, and kept in step whenever a term mark of that year changes afterwards (a
 * late correction by the school's administration). A student who joined late has fewer term marks and
 * their annual mark is the mean of those they have.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { decide } from "../../../shared/auth/policy.js";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { parseId } from "../../../shared/ids.js";
import { assertMayRecord, assertUnlocked, journalToday } from "../permissions.js";
import type { JournalContext } from "../context.js";
import { Grade, RosterEntry, type ClassPlace } from "../entities/index.js";
import { TERM_MARK_SET, type TermMarkSet } from "../events/published.js";
import { noteGradeChange } from "../lessons/cell-history.js";
import { writeCells } from "../lessons/cell-write.js";
import { lockedFrom } from "../calendar/locks.js";
import { checkMark, checkNote, parseStudentIds, roundHalfUp } from "../lessons/input-rules.js";
import { classSubject, studentSubject } from "../privacy/subjects.js";
import { annualKey, termKey, type SchoolCalendar, type Term } from "../calendar/school-calendar.js";
import type { TermKind } from "../calendar/school-days.js";
import { ACADEMIC_PURPOSES } from "../types/index.js";
import { now as clockNow } from "../../../shared/clock.js";

type Ctx = AuthedContext<JournalContext>;

export interface TermMarksInput {
  classId: string;
  subjectId: string;
  term: number;
  /** The calendar year the academic year starts in; default: the current academic year. */
  year?: number | null;
  entries: Array<{ studentId: string; value: number; comment?: string | null }>;
}

/** The term a caller names by number (and optionally year), for a class of the given grade level. */
function namedTerm(calendar: SchoolCalendar, place: ClassPlace, number: number, year: number | null | undefined, field: string): Term {
  const academicYear = year ?? calendar.currentYear(journalToday());
  const term = calendar.termNumbered(place.gradeLevel, academicYear, number);
  if (term) return term;
  const count = calendar.termsOfYear(place.gradeLevel, academicYear).length;
  if (count === 0)
    throw new BadUserInputError(field, `the calendar has no terms for the academic year ${academicYear}/${academicYear + 1}`);
  throw new BadUserInputError(field, `grade ${place.gradeLevel} has terms 1 to ${count}, got ${number}`);
}

/** Students on the class roster at any time during the term: one who joined after it began can still get its mark. */
async function rosterDuring(ctx: Ctx, classId: string, term: Term, studentIds?: string[]): Promise<string[]> {
  const rows = await ctx.em.find(
    RosterEntry,
    {
      classId,
      ...(studentIds ? { studentId: { $in: studentIds } } : {}),
      startsOn: { $lte: term.endsOn },
      $or: [{ endsOn: null }, { endsOn: { $gt: term.startsOn } }],
    },
    { orderBy: { studentId: "asc" } },
  );
  return [...new Set(rows.map((r) => r.studentId))];
}

interface TermMarkSpec {
  studentId: string;
  classId: string;
  subjectId: string;
  kind: "QUARTER" | "ANNUAL";
  term: number | null;
  termKind: TermKind | "YEAR";
  termKey: string;
  academicYear: number;
  date: string;
}

/** Creates or changes one term mark, with its history row and event; an unchanged value writes nothing. */
function writeTermMark(
  em: EntityManager,
  existing: Grade | undefined,
  spec: TermMarkSpec,
  value: number,
  comment: string | null,
  by: string,
  now: Date,
): Grade {
  const before = existing && { value: existing.value, comment: existing.comment ?? null };
  if (existing && before!.value === value && before!.comment === comment) return existing;
  const grade =
    existing ??
    em.create(Grade, {
      id: randomUUID(),
      studentId: spec.studentId,
      classId: spec.classId,
      subjectId: spec.subjectId,
      lessonId: null,
      kind: spec.kind,
      value,
      date: spec.date,
      term: spec.term,
      termKey: spec.termKey,
    });
  grade.value = value;
  grade.comment = comment;
  grade.recordedById = by;
  grade.recordedAt = now;
  noteGradeChange(em, grade, before, by, now);
  const event: TermMarkSet = {
    gradeId: grade.id,
    studentId: spec.studentId,
    subjectId: spec.subjectId,
    classId: spec.classId,
    lessonId: null,
    kind: spec.kind,
    term: spec.term,
    termKind: spec.termKind,
    academicYear: spec.academicYear,
    value,
    date: spec.date,
  };
  enqueue(em, TERM_MARK_SET, { ...event });
  return grade;
}

/** Sets (or corrects) the term marks of a class in a subject for one term, all or nothing; keeps annual marks in step. */
export async function setTermMarks(ctx: Ctx, input: TermMarksInput): Promise<Grade[]> {
  const studentIds = parseStudentIds(input.entries);
  input.entries.forEach((entry, i) => checkMark(entry.value, `input.entries[${i}].value`));
  const comments = input.entries.map((entry, i) => checkNote(entry.comment, `input.entries[${i}].comment`));
  const classId = parseId(input.classId, "input.classId");
  const subjectId = parseId(input.subjectId, "input.subjectId");
  const place = await ctx.loaders.classPlace.load(classId);
  if (!place) throw new NotFoundError("SchoolClass");
  await assertMayRecord(ctx, classId, subjectId);
  const calendar = await ctx.loaders.calendar();
  const term = namedTerm(calendar, place, input.term, input.year, "input.term");
  if (journalToday() < term.startsOn)
    throw new BadUserInputError("input.term", `term ${term.number} has not begun (it starts on ${term.startsOn})`);
  await assertUnlocked(ctx, place, term);
  const eligible = new Set(await rosterDuring(ctx, classId, term, studentIds));
  const stranger = studentIds.findIndex((id) => !eligible.has(id));
  if (stranger >= 0)
    throw new BadUserInputError(`input.entries[${stranger}].studentId`, "the student was not in this class during the term");

  const yearTerms = calendar.termsOfYear(place.gradeLevel, term.year);
  const finalKey = termKey(yearTerms[yearTerms.length - 1]!);
  const yearKey = annualKey(term.year);
  const key = termKey(term);
  const write = { operation: "setTermMarks", lockKey: `journal-term-marks:${classId}:${subjectId}`, input, entity: Grade };
  const grades = await writeCells(ctx, write, async (em) => {
    const existing = await em.find(Grade, {
      studentId: { $in: studentIds },
      subjectId,
      termKey: { $in: [...yearTerms.map(termKey), yearKey] },
    });
    const held = new Map(existing.map((g) => [`${g.studentId}|${g.termKey}`, g]));
    const now = clockNow();
    const base = { classId, subjectId, academicYear: term.year };
    const written = input.entries.map((entry, i) => {
      const studentId = studentIds[i]!;
      const spec: TermMarkSpec = {
        ...base,
        studentId,
        kind: "QUARTER",
        term: term.number,
        termKind: term.kind,
        termKey: key,
        date: term.endsOn,
      };
      const grade = writeTermMark(em, held.get(`${studentId}|${key}`), spec, entry.value, comments[i]!, ctx.caller.sub, now);
      held.set(`${studentId}|${key}`, grade);
      return grade;
    });
    for (const studentId of studentIds) {
      if (!held.has(`${studentId}|${finalKey}`)) continue;
      const marks = yearTerms.map((t) => held.get(`${studentId}|${termKey(t)}`)).filter((g): g is Grade => !!g);
      const value = roundHalfUp(
        marks.reduce((sum, g) => sum + g.value, 0),
        marks.length,
      );
      const spec: TermMarkSpec = {
        ...base,
        studentId,
        kind: "ANNUAL",
        term: null,
        termKind: "YEAR",
        termKey: yearKey,
        date: yearTerms[yearTerms.length - 1]!.endsOn,
      };
      writeTermMark(em, held.get(`${studentId}|${yearKey}`), spec, value, null, ctx.caller.sub, now);
    }
    return written;
  });
  ctx.services.relay.kick();
  return grades;
}

export interface TermMarkSuggestionRow {
  studentId: string;
  subjectId: string;
  /** Current and intermediate marks of the term. */
  marks: number;
  average: number | null;
  suggested: number | null;
  termMark: Grade | null;
}

export interface TermMarkSheetData {
  classId: string;
  subjectId: string;
  term: Term;
  lockedFrom: string;
  rows: TermMarkSuggestionRow[];
}

/**
 * One term of a class in a subject: per student the mean of their current and intermediate marks of the
 * term, the mark it rounds to (the suggestion) and the term mark already set. Four statements whatever the
 * class size; rows are then filtered per student by the shared enforcement.
 */
export async function termMarkSheet(
  ctx: Ctx,
  args: { classId: string; subjectId: string; term: number; year?: number | null },
): Promise<TermMarkSheetData> {
  const classId = parseId(args.classId, "classId");
  const subjectId = parseId(args.subjectId, "subjectId");
  const place = await ctx.loaders.classPlace.load(classId);
  if (!place) throw new NotFoundError("SchoolClass");
  if (!decide(ctx.caller, classSubject(place, subjectId), "academic", ACADEMIC_PURPOSES).released) {
    throw new ForbiddenError("You may not read this class's marks in this subject");
  }
  const term = namedTerm(await ctx.loaders.calendar(), place, args.term, args.year, "term");
  const studentIds = await rosterDuring(ctx, classId, term);
  const [marks, termMarks] = await Promise.all([
    ctx.em.find(Grade, {
      studentId: { $in: studentIds },
      subjectId,
      kind: { $in: ["CURRENT", "INTERMEDIATE"] },
      date: { $gte: term.startsOn, $lte: term.endsOn },
    }),
    ctx.em.find(Grade, { studentId: { $in: studentIds }, subjectId, termKey: termKey(term) }),
    // Warm the subjects the row filter asks for, in one batch rather than one per row.
    Promise.all(studentIds.map((id) => studentSubject(ctx, id))),
  ]);
  const totals = new Map<string, { sum: number; count: number }>();
  for (const g of marks) {
    const t = totals.get(g.studentId) ?? { sum: 0, count: 0 };
    t.sum += g.value;
    t.count += 1;
    totals.set(g.studentId, t);
  }
  const setMarks = new Map(termMarks.map((g) => [g.studentId, g]));
  return {
    classId,
    subjectId,
    term,
    lockedFrom: lockedFrom(term, ctx.services.lockDaysAfterTerm),
    rows: studentIds.map((studentId) => {
      const t = totals.get(studentId);
      return {
        studentId,
        subjectId,
        marks: t?.count ?? 0,
        average: t ? t.sum / t.count : null,
        suggested: t ? roundHalfUp(t.sum, t.count) : null,
        termMark: setMarks.get(studentId) ?? null,
      };
    }),
  };
}
