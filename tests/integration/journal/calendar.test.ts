/** The academic calendar: quarters and halves, holidays and vacations, read through the API and by termOf. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarRows } from "../../../subgraphs/journal/calendar/calendar-rows.js";
import { OFFICIAL_CALENDARS } from "../../../subgraphs/journal/calendar/official-calendars.js";
import { termOf, termOfClass } from "../../../subgraphs/journal/calendar/term-of.js";
import { AcademicTerm } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { ACADEMIC_CALENDAR } from "../../graphql/schedule.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
let w: JournalWorld;
let token: string;

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 2, sizeB: 1 });
  token = await h.tokenFor(w.as.parent);
});
afterAll(() => h.close());

const span = (t: { startsOn: string; endsOn: string }) => `${t.startsOn}..${t.endsOn}`;

describe("academicCalendar", () => {
  it("gives 2026/27: four quarters, two halves, holidays and vacations, to any signed-in caller", async () => {
    const res = await gql(h.url, ACADEMIC_CALENDAR, { year: 2026 }, { token });
    expect(res.errors).toBeUndefined();
    const cal = res.data.academicCalendar;
    expect([cal.year, cal.startsOn, cal.endsOn]).toEqual([2026, "2026-09-02", "2027-05-25"]);
    expect(cal.terms.map((t: any) => `${t.kind} ${t.number} ${span(t)}`)).toEqual([
      "QUARTER 1 2026-09-02..2026-10-31",
      "QUARTER 2 2026-11-09..2026-12-26",
      "QUARTER 3 2027-01-11..2027-03-19",
      "QUARTER 4 2027-03-30..2027-05-25",
      "HALF_YEAR 1 2026-09-02..2026-12-26",
      "HALF_YEAR 2 2027-01-11..2027-05-25",
    ]);
    expect(cal.vacations.map(span)).toEqual(["2026-11-01..2026-11-08", "2026-12-27..2027-01-10", "2027-03-20..2027-03-29"]);
    expect(cal.holidays.map((b: any) => b.startsOn)).toEqual([
      "2026-10-01",
      "2026-12-08",
      "2027-03-08",
      "2027-03-10",
      "2027-03-21",
      "2027-05-09",
      "2027-05-17",
    ]);
    expect(cal.holidays[1].name).toBe("Konstitutsiya kuni");
    // Term ids are the same in every database: derived from the term, not drawn at random.
    expect(cal.terms.map((t: any) => t.id)).toEqual(
      calendarRows(OFFICIAL_CALENDARS.get(2026)!)
        .terms.sort((a, b) => (a.kind === b.kind ? a.number - b.number : a.kind === "QUARTER" ? -1 : 1))
        .map((t) => t.id),
    );
  });

  it("names holidays in the caller's language", async () => {
    const cyrl = await gql(h.url, ACADEMIC_CALENDAR, { year: 2026 }, { token, language: "uz-Cyrl" });
    const ru = await gql(h.url, ACADEMIC_CALENDAR, { year: 2026 }, { token, language: "ru" });
    expect(cyrl.data.academicCalendar.holidays[1].name).toBe("Конституция куни");
    expect(ru.data.academicCalendar.vacations[0].name).toBe("Осенние каникулы");
  });

  it("answers null for a year with no calendar, BAD_USER_INPUT for an absurd one, UNAUTHENTICATED without a token", async () => {
    expect((await gql(h.url, ACADEMIC_CALENDAR, { year: 2031 }, { token })).data.academicCalendar).toBeNull();
    const bad = await gql(h.url, ACADEMIC_CALENDAR, { year: 20260 }, { token });
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors![0]!.extensions!.field).toBe("year");
    expect(codes(await gql(h.url, ACADEMIC_CALENDAR, { year: 2026 }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("is written once into the journal's tables, however many readers ask at the same time", async () => {
    await Promise.all(Array.from({ length: 5 }, () => gql(h.url, ACADEMIC_CALENDAR, { year: 2026 }, { token })));
    expect(await h.orm.em.fork().count(AcademicTerm, { year: 2026 })).toBe(6);
  });
});

describe("termOf: the term of a day for a grade", () => {
  it("finds the quarter for grades 1–9 and the half for grades 10–11", async () => {
    const em = h.orm.em.fork();
    expect((await termOf(em, "2026-11-20", 5))?.number).toBe(2);
    expect((await termOf(em, "2026-11-20", 5))?.kind).toBe("QUARTER");
    expect((await termOf(em, "2026-11-20", 11))?.kind).toBe("HALF_YEAR");
    expect((await termOf(em, "2027-04-01", 10))?.number).toBe(2);
    // First and last days are inside the term.
    expect((await termOf(em, "2026-09-02", 1))?.number).toBe(1);
    expect((await termOf(em, "2027-05-25", 9))?.number).toBe(4);
  });

  it("has no quarter in a vacation, while the half goes on", async () => {
    const em = h.orm.em.fork();
    expect(await termOf(em, "2026-11-04", 5)).toBeNull();
    expect((await termOf(em, "2026-11-04", 11))?.number).toBe(1);
    expect(await termOf(em, "2027-07-15", 11)).toBeNull();
  });

  it("takes the grade from the class replica", async () => {
    const em = h.orm.em.fork();
    expect((await termOfClass(em, w.classA, "2027-02-01"))?.number).toBe(3);
    expect(await termOfClass(em, "00000000-0000-4000-8000-000000000000", "2027-02-01")).toBeNull();
  });
});
