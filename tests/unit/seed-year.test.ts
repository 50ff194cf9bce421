/** Which school year a world seeded on a given day lives in, and which calendars the seed writes. */
import { describe, expect, it } from "vitest";
import { addDays } from "../../shared/days.js";
import { lessonDays, seedYearsAround } from "../../scripts/seed/calendar.js";

const years = (today: string) => {
  const { current, calendars } = seedYearsAround(today);
  return { current: current.year, calendars: calendars.map((c) => c.year) };
};

describe("the seeded school year", () => {
  it("is the year that holds the day during the school year", () => {
    expect(years("2026-12-03")).toEqual({ current: 2026, calendars: [2026] });
    expect(years("2027-09-15")).toEqual({ current: 2027, calendars: [2027] });
    expect(years("2029-02-14")).toEqual({ current: 2028, calendars: [2028] });
  });

  it("in the summer holiday is the year just ended, and the next year's calendar is written too", () => {
    expect(years("2027-07-15")).toEqual({ current: 2026, calendars: [2026, 2027] });
    expect(years("2030-08-31")).toEqual({ current: 2029, calendars: [2029, 2030] });
    // 1 September is a holiday before the first lesson: the old year is still the one with lessons behind it.
    expect(years("2027-09-01")).toEqual({ current: 2026, calendars: [2026, 2027] });
  });

  it("has a provisional calendar of the usual shape where none was shipped, without the moving holidays", () => {
    const { current } = seedYearsAround("2029-02-14");
    expect(current.provisional).toBe(true);
    expect(current.quarters.map((q) => q.number)).toEqual([1, 2, 3, 4]);
    expect(current.startsOn.startsWith("2028-09")).toBe(true);
    expect(current.endsOn.startsWith("2029-05")).toBe(true);
    const holidays = current.calendar.breaks.filter((b) => b.kind === "HOLIDAY").map((b) => b.startsOn.slice(5));
    expect(holidays).toEqual(expect.arrayContaining(["10-01", "12-08", "03-08", "03-21", "05-09"]));
    for (const day of holidays) expect(["01-01", "03-08", "03-21", "05-09", "09-01", "10-01", "12-08"]).toContain(day);
    expect(seedYearsAround("2026-12-03").current.provisional).toBe(false);
  });

  it("always gives past lessons to mark, on every day from 3 September 2026 to 31 August 2030", () => {
    for (let day = "2026-09-03"; day <= "2030-08-31"; day = addDays(day, 1)) {
      const { current } = seedYearsAround(day);
      const { days } = lessonDays(current, day);
      const past = days.filter((d) => d < day);
      if (past.length === 0) throw new Error(`no past lesson day for a world seeded on ${day}`);
    }
  });
});
