/**
 * The ministry sets a school year's calendar: checked field by field, refused to anyone else, the past of a
 * running year kept as it was, and a moving holiday it declares kept free of generated lessons.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockFrom, resetClock, setClock } from "../../../shared/clock.js";
import { OFFICIAL_CALENDARS, type OfficialCalendar } from "../../../subgraphs/journal/calendar/official-calendars.js";
import { Lesson } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { termId } from "../../fixtures/calendar.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { ACADEMIC_CALENDAR, GENERATE_LESSONS, SET_TIMETABLE } from "../../graphql/schedule.js";
import { codes, doc, gql } from "../../support/client.js";

const SET_CALENDAR = doc("set-academic-calendar");

let h: SubgraphHarness;
let w: JournalWorld;
let ministry: string;

beforeAll(async () => {
  // Mid-February 2027: 2026/27 is running (quarter 3), 2027/28 not begun.
  setClock(clockFrom("2027-02-15T06:00:00Z"));
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 2, sizeB: 1 });
  ministry = await h.tokenFor(claims("3d0c4e1a-5b6f-4c7d-8e9f-0a1b2c3d4e5f", "MINISTRY_OFFICIAL"));
});
afterAll(async () => {
  await h.close();
  resetClock();
});

/** A calendar as the API takes it, from one of the shipped ones shifted to another year. */
function inputOf(calendar: OfficialCalendar, shiftYears = 0) {
  const shift = (day: string) => `${Number(day.slice(0, 4)) + shiftYears}${day.slice(4)}`;
  const span = <T extends { startsOn: string; endsOn: string }>(x: T) => ({ ...x, startsOn: shift(x.startsOn), endsOn: shift(x.endsOn) });
  const named = calendar.breaks.map(({ kind: _kind, ...b }) => span(b));
  return {
    year: calendar.year + shiftYears,
    terms: calendar.terms.map(span),
    holidays: named.filter((_, i) => calendar.breaks[i]!.kind === "HOLIDAY"),
    vacations: named.filter((_, i) => calendar.breaks[i]!.kind === "VACATION"),
  };
}
const Y2027 = OFFICIAL_CALENDARS.get(2027)!;
const Y2026 = OFFICIAL_CALENDARS.get(2026)!;
const set = (input: unknown, token = ministry) => gql(h.url, SET_CALENDAR, { input }, { token });
const fieldOf = (res: Awaited<ReturnType<typeof set>>) => res.errors?.[0]?.extensions?.field;

describe("setAcademicCalendar", () => {
  it("lets the ministry set a new school year, which academicCalendar then gives", async () => {
    const input = inputOf(Y2027, 1);
    const res = await set(input);
    expect(res.errors).toBeUndefined();
    expect(res.data.setAcademicCalendar).toMatchObject({ year: 2028, startsOn: "2028-09-02", endsOn: "2029-05-25" });
    const read = await gql(h.url, ACADEMIC_CALENDAR, { year: 2028 }, { token: ministry });
    expect(read.data.academicCalendar.terms.map((t: any) => `${t.kind} ${t.number} ${t.startsOn}`)).toEqual([
      "QUARTER 1 2028-09-02",
      "QUARTER 2 2028-11-09",
      "QUARTER 3 2029-01-10",
      "QUARTER 4 2029-03-29",
      "HALF_YEAR 1 2028-09-02",
      "HALF_YEAR 2 2029-01-10",
    ]);
    expect(read.data.academicCalendar.holidays.map((b: any) => b.startsOn)).toContain("2029-02-27");
  });

  it("is the ministry's alone", async () => {
    for (const who of [w.as.principal, w.as.teacher, w.as.parent]) {
      expect(codes(await set(inputOf(Y2027, 2), await h.tokenFor(who)))).toEqual(["FORBIDDEN"]);
    }
    expect((await gql(h.url, ACADEMIC_CALENDAR, { year: 2029 }, { token: ministry })).data.academicCalendar).toBeNull();
  });

  it("names the field at fault: unordered, overlapping, missing or out-of-year terms and breaks", async () => {
    const base = inputOf(Y2027, 1);
    const overlapping = { ...base, terms: base.terms.map((t, i) => (i === 1 ? { ...t, startsOn: "2028-10-20" } : t)) };
    const outside = { ...base, terms: base.terms.map((t, i) => (i === 0 ? { ...t, startsOn: "2028-08-25" } : t)) };
    const backwards = { ...base, terms: base.terms.map((t, i) => (i === 2 ? { ...t, endsOn: "2028-12-31" } : t)) };
    const threeQuarters = { ...base, terms: base.terms.filter((_, i) => i !== 3) };
    const clashingVacations = {
      ...base,
      vacations: [...base.vacations, { ...base.vacations[0]!, startsOn: "2028-11-05", endsOn: "2028-11-12" }],
    };
    const holidayAfterYear = {
      ...base,
      holidays: [...base.holidays, { ...base.holidays[0]!, startsOn: "2029-09-01", endsOn: "2029-09-01" }],
    };
    const cases: Array<[unknown, string]> = [
      [overlapping, "input.terms[1].startsOn"],
      [outside, "input.terms[0]"],
      [backwards, "input.terms[2].endsOn"],
      [threeQuarters, "input.terms"],
      [clashingVacations, "input.vacations[3].startsOn"],
      [holidayAfterYear, `input.holidays[${base.holidays.length}]`],
    ];
    for (const [input, field] of cases) {
      const res = await set(input);
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(fieldOf(res)).toBe(field);
    }
  });

  it("keeps the past of a running year: a begun term keeps its first day, past holidays stay", async () => {
    const base = inputOf(Y2026);
    const movedStart = { ...base, terms: base.terms.map((t, i) => (i === 0 ? { ...t, startsOn: "2026-09-03" } : t)) };
    const res = await set(movedStart);
    expect(fieldOf(res)).toBe("input.terms[0].startsOn");
    const droppedPast = { ...base, holidays: base.holidays.filter((b) => b.startsOn !== "2026-12-08") };
    expect(fieldOf(await set(droppedPast))).toBe("input.holidays");
  });

  it("moves a moving holiday, and generated lessons skip its new day and keep the old one", async () => {
    const admin = await h.tokenFor(w.as.principal);
    const maths = { subjectId: w.maths, teacherId: w.teacher };
    const timetable = await gql(
      h.url,
      SET_TIMETABLE,
      {
        input: {
          classId: w.classB,
          termId: termId("QUARTER", 3),
          entries: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY"].map((weekday) => ({ weekday, period: 2, ...maths })),
        },
      },
      { token: admin },
    );
    expect(timetable.errors).toBeUndefined();
    // Ramazon hayiti 2027 announced for Tuesday 9 March instead of the expected Wednesday 10th.
    const base = inputOf(Y2026);
    const corrected = {
      ...base,
      holidays: base.holidays.map((b) => (b.startsOn === "2027-03-10" ? { ...b, startsOn: "2027-03-09", endsOn: "2027-03-09" } : b)),
    };
    const res = await set(corrected);
    expect(res.errors).toBeUndefined();
    expect(res.data.setAcademicCalendar.holidays.map((b: any) => b.startsOn)).toContain("2027-03-09");
    // The timetable still points at quarter 3: term ids survive the correction.
    const generated = await gql(h.url, GENERATE_LESSONS, { weekOf: "2027-03-08", classId: w.classB }, { token: admin });
    expect(generated.errors).toBeUndefined();
    const days = (await h.orm.em.fork().find(Lesson, { classId: w.classB, date: { $gte: "2027-03-08", $lte: "2027-03-13" } })).map(
      (l) => l.date,
    );
    // Monday the 8th is Women's Day, Tuesday the 9th now Ramazon hayiti.
    expect(days.sort()).toEqual(["2027-03-10", "2027-03-11"]);
  });
});
