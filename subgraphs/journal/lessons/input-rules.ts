/** Input rules of the journal (DESIGN.md §4) that more than one resolver applies. */
import { BadUserInputError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";

/** Longest range a class-wide read may ask for: one academic year and a day. */
export const MAX_RANGE_DAYS = 366;

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** A from..to range must run forwards; `maxDays` bounds class-wide reads. */
export function checkRange(from: string | undefined | null, to: string | undefined | null, maxDays?: number): void {
  if (!from || !to) return;
  if (from > to) throw new BadUserInputError("from", `the range runs backwards (${from} > ${to})`);
  if (maxDays !== undefined && dayNumber(to) - dayNumber(from) > maxDays) {
    throw new BadUserInputError("to", `the range may span at most ${maxDays} days`);
  }
}

/** Validates the student ids of a batch of entries and refuses a student named twice. */
export function parseStudentIds(entries: ReadonlyArray<{ studentId: string }>): string[] {
  if (entries.length === 0) throw new BadUserInputError("input.entries", "at least one entry is needed");
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const id = parseId(entry.studentId, `input.entries[${i}].studentId`);
    if (seen.has(id)) throw new BadUserInputError(`input.entries[${i}].studentId`, "the same student appears twice");
    seen.add(id);
    return id;
  });
}

/** Marks are whole numbers 1..5. */
export function checkMark(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1 || value > 5)
    throw new BadUserInputError(field, `a mark is a whole number from 1 to 5, got ${value}`);
}

/**
 * The whole number nearest to sum/count, halves rounded up as schools do (3.5 → 4). Integer arithmetic,
 * so 4.5 is never 4.4999….
 */
export function roundHalfUp(sum: number, count: number): number {
  return Math.floor((2 * sum + count) / (2 * count));
}

/** Longest comment on a mark or reason for an absence (the column's size). */
export const MAX_NOTE_LENGTH = 500;

/** A free-text note, trimmed; empty becomes null; too long is refused. */
export function checkNote(value: string | null | undefined, field: string, max = MAX_NOTE_LENGTH): string | null {
  const text = value?.trim() ?? "";
  if (text.length > max) throw new BadUserInputError(field, `at most ${max} characters`);
  return text || null;
}
