/** Calendar rules without a database: weeks, weekdays, school years, the school days of a term. */
import { describe, expect, it } from "vitest";
import { calendarRows } from "../../subgraphs/journal/calendar/calendar-rows.js";
import { OFFICIAL_CALENDARS } from "../../subgraphs/journal/calendar/official-calendars.js";
import { academicYearOf, mondayOf, schoolWeekOf, termKindFor, weekdayOf } from "../../subgraphs/journal/calendar/school-days.js";
import { plannedLessonsOn, schoolTermOn, slotsByDay } from "../../subgraphs/journal/lessons/plan.js";

const { terms, breaks } = calendarRows(OFFICIAL_CALENDARS.get(2026)!);

describe("school days", () => {
  it("knows weekdays, Mondays and the six-day school week", () => {
    expect(weekdayOf("2026-11-30")).toBe(1);
    expect(weekdayOf("2026-12-06")).toBe(7);
    expect(mondayOf("2026-12-06")).toBe("2026-11-30");
    expect(schoolWeekOf("2027-01-01")).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
  });

  it("names a school year by the year it starts in, and gives grades 10–11 halves", () => {
    expect(academicYearOf("2026-09-02")).toBe(2026);
    expect(academicYearOf("2027-05-25")).toBe(2026);
    // The summer belongs to the year just ended: 1 September starts the next one.
    expect(academicYearOf("2027-08-31")).toBe(2026);
    expect(academicYearOf("2027-09-01")).toBe(2027);
    expect([termKindFor(1), termKindFor(9), termKindFor(10), termKindFor(11)]).toEqual(["QUARTER", "QUARTER", "HALF_YEAR", "HALF_YEAR"]);
  });

  it("finds the term of a school day, and none on Sundays, holidays or in vacations", () => {
    expect(schoolTermOn("2026-11-30", 5, terms, breaks)?.id).toBe(terms.find((t) => t.kind === "QUARTER" && t.number === 2)!.id);
    expect(schoolTermOn("2026-12-06", 5, terms, breaks)).toBeNull();
    expect(schoolTermOn("2026-12-08", 5, terms, breaks)).toBeNull();
    expect(schoolTermOn("2026-11-03", 5, terms, breaks)).toBeNull();
    // The autumn vacation lies inside the first half: still no lessons.
    expect(schoolTermOn("2026-11-03", 11, terms, breaks)).toBeNull();
    expect(schoolTermOn("2026-11-30", 11, terms, breaks)?.kind).toBe("HALF_YEAR");
  });

  it("plans a day's lessons from the term's slots, in period order", () => {
    const q2 = terms.find((t) => t.kind === "QUARTER" && t.number === 2)!;
    const slot = (weekday: number, period: number, subjectId: string) => ({ termId: q2.id, weekday, period, subjectId, teacherId: "t" });
    const timetable = slotsByDay([slot(1, 3, "b"), slot(1, 1, "a"), slot(2, 1, "c")]);
    const monday = plannedLessonsOn("2026-11-30", { classId: "c", gradeLevel: 5 }, timetable, terms, breaks);
    expect(monday.map((l) => [l.period, l.subjectId, l.plannedDate, l.plannedPeriod])).toEqual([
      [1, "a", "2026-11-30", 1],
      [3, "b", "2026-11-30", 3],
    ]);
    // Grade 11 keeps halves: quarter 2's timetable is not its own.
    expect(plannedLessonsOn("2026-11-30", { classId: "c", gradeLevel: 11 }, timetable, terms, breaks)).toEqual([]);
  });
});
