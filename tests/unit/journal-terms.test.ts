/** The journal's calendar rules as pure functions: terms by grade level, term locks, and rounding of means. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../shared/config.js";
import { lockedFrom, lockState } from "../../subgraphs/journal/calendar/locks.js";
import { roundHalfUp } from "../../subgraphs/journal/lessons/input-rules.js";
import { annualKey, termKey } from "../../subgraphs/journal/calendar/school-calendar.js";
import { academicYearOf } from "../../subgraphs/journal/calendar/school-days.js";
import { shippedCalendar } from "../fixtures/calendar.js";

const calendar = shippedCalendar();
const termsOfYear = (grade: number, year: number) => calendar.termsOfYear(grade, year);
const termOf = (grade: number, date: string) => calendar.termOf(grade, date);
const governingTerm = (grade: number, date: string) => calendar.governingTerm(grade, date);
/** The lock of records dated `date` of a class of grade `grade`, judged on `today`. */
const lockOf = (grade: number, date: string, today: string, lockDays: number) => lockState(governingTerm(grade, date), today, lockDays);

describe("terms", () => {
  it("grades 1–9 keep four quarters, grades 10–11 two half-years made of them", () => {
    expect(termsOfYear(5, 2026).map((t) => [t.kind, t.number, t.startsOn, t.endsOn])).toEqual([
      ["QUARTER", 1, "2026-09-02", "2026-10-31"],
      ["QUARTER", 2, "2026-11-09", "2026-12-26"],
      ["QUARTER", 3, "2027-01-11", "2027-03-19"],
      ["QUARTER", 4, "2027-03-30", "2027-05-25"],
    ]);
    expect(termsOfYear(11, 2026).map((t) => [t.kind, t.number, t.startsOn, t.endsOn])).toEqual([
      ["HALF_YEAR", 1, "2026-09-02", "2026-12-26"],
      ["HALF_YEAR", 2, "2027-01-11", "2027-05-25"],
    ]);
    expect(termsOfYear(5, 2031)).toEqual([]);
    expect(termsOfYear(5, 2027).map((t) => t.startsOn)).toEqual(["2027-09-02", "2027-11-09", "2028-01-10", "2028-03-29"]);
  });

  it("finds the term of a date, none in a break, and the academic year from September", () => {
    expect(termOf(5, "2026-11-18")?.number).toBe(2);
    expect(termOf(10, "2026-11-18")).toMatchObject({ kind: "HALF_YEAR", number: 1 });
    expect(termOf(5, "2026-11-03")).toBeUndefined();
    expect(academicYearOf("2027-03-01")).toBe(2026);
    expect(academicYearOf("2026-09-01")).toBe(2026);
    expect(termKey(termOf(5, "2026-11-18")!)).toBe("2026-Q2");
    expect(termKey(termOf(11, "2027-02-01")!)).toBe("2026-H2");
    expect(annualKey(2026)).toBe("2026-Y");
  });

  it("gives a date in a break the term just ended, and a date before the calendar none", () => {
    expect(governingTerm(5, "2026-11-03")?.number).toBe(1);
    expect(governingTerm(5, "2026-07-01")).toBeUndefined();
  });
});

describe("term locks", () => {
  it("keep a term open LOCK_DAYS_AFTER_TERM days after its last day and lock it the day after", () => {
    const q1 = termOf(5, "2026-10-01")!;
    expect(lockedFrom(q1, 5)).toBe("2026-11-06");
    expect(lockOf(5, "2026-10-20", "2026-11-05", 5).locked).toBe(false);
    expect(lockOf(5, "2026-10-20", "2026-11-06", 5)).toMatchObject({ locked: true, lockedFrom: "2026-11-06" });
    expect(lockOf(5, "2026-10-20", "2026-11-30", 40).locked).toBe(false);
    expect(lockOf(5, "2026-10-20", "2026-11-30", 0).locked).toBe(true);
  });

  it("lock the first quarter of grades 10–11 only with their first half-year", () => {
    expect(lockOf(11, "2026-10-20", "2026-11-30", 5).locked).toBe(false);
    expect(lockOf(11, "2026-10-20", "2027-01-01", 5)).toMatchObject({ locked: true, lockedFrom: "2027-01-01" });
  });

  it("lock a closed school year for everyone, whatever the days after its last term", () => {
    expect(lockState(governingTerm(5, "2027-05-20"), "2027-05-21", 5, true)).toMatchObject({ locked: true, closed: true });
  });

  it("treat a date before the calendar as locked", () => {
    expect(lockOf(5, "2025-10-01", "2026-11-30", 5).locked).toBe(true);
  });

  it("read LOCK_DAYS_AFTER_TERM from the environment, 5 by default, refusing nonsense", () => {
    expect(loadConfig({}).journal.lockDaysAfterTerm).toBe(5);
    expect(loadConfig({ LOCK_DAYS_AFTER_TERM: "10" }).journal.lockDaysAfterTerm).toBe(10);
    expect(() => loadConfig({ LOCK_DAYS_AFTER_TERM: "-1" })).toThrow(/LOCK_DAYS_AFTER_TERM/);
  });
});

describe("rounding a mean of marks", () => {
  it("rounds halves up, as schools do, exactly", () => {
    expect(roundHalfUp(4 + 5, 2)).toBe(5); // 4.5
    expect(roundHalfUp(3 + 4, 2)).toBe(4); // 3.5
    expect(roundHalfUp(3 + 4 + 4 + 4, 4)).toBe(4); // 3.75
    expect(roundHalfUp(3 + 3 + 4, 3)).toBe(3); // 3.33
    expect(roundHalfUp(2 + 3 + 3 + 4, 4)).toBe(3); // 3.0
    expect(roundHalfUp(4 + 4 + 5 + 5, 4)).toBe(5); // 4.5
    expect(roundHalfUp(2 * 7 + 3 * 7, 14)).toBe(3); // 2.5 over many marks
    expect(roundHalfUp(5, 1)).toBe(5);
  });
});
