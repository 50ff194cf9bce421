/**
 * The demo world is built around the day it is seeded, whatever the date (RUNTIME.md "The demo world"):
 * the school year that holds the day, or in the summer holiday the year just ended plus the next year's
 * calendar. Each block pins the clock to its day before the system starts, so the seed, the term locks,
 * the tokens and the notices all live on that day.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tashkentDay } from "../../shared/days.js";
import { SchoolClass } from "../../subgraphs/institutions/entities/index.js";
import { Lesson } from "../../subgraphs/journal/entities/index.js";
import { Notification } from "../../subgraphs/notifications/entities/index.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { pinClock, unpinToday } from "../support/clock.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

const CALENDAR = doc("school-year-calendar");
const RECORD_GRADES = doc("record-grades");
const PARENT_NOTICES = doc("parent-notices");
const CLASS_JOURNAL = doc("class-journal");

interface Started {
  system: TestSystem;
  ids: DemoIds;
}

async function startOn(instant: string): Promise<Started> {
  pinClock(instant);
  const system = await startTestSystem();
  return { system, ids: await demoIds(system) };
}

/** 5-A's Matematika lessons, oldest first. */
async function mathsLessons({ system, ids }: Started): Promise<Lesson[]> {
  return system.orms.journal.em
    .fork()
    .find(Lesson, { classId: ids.classes["5-A"], subjectId: ids.subjects["Matematika"] }, { orderBy: { date: "asc", period: "asc" } });
}

async function gradeNoticesFor(started: Started, token: string): Promise<number> {
  const res = await gql(started.system.gatewayUrl, PARENT_NOTICES, {}, { token });
  expect(res.errors).toBeUndefined();
  const child = started.ids.people["demo-student"].id;
  return res.data.me.notifications.filter(
    (n: { kind: string; student: { id: string } | null }) => n.kind === "GRADE" && n.student?.id === child,
  ).length;
}

/** Waits until `read` gives a value `done` accepts (the notice pipeline runs after the write commits). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = performance.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || performance.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("on 2027-09-15, a fresh start serves 2027/28", () => {
  let started: Started;
  beforeAll(async () => {
    started = await startOn("2027-09-15T06:00:00Z");
  }, 120_000);
  afterAll(async () => {
    await started?.system.stop();
    unpinToday();
  });

  it("seeds the classes of 2027/28 and its calendar", async () => {
    const classes = await started.system.orms.institutions.em.fork().find(SchoolClass, {});
    expect(new Set(classes.map((c) => c.academicYear))).toEqual(new Set([2027]));
    const token = await signIn(started.system.gatewayUrl, "demo-teacher");
    const res = await gql(started.system.gatewayUrl, CALENDAR, { year: 2027 }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.academicCalendar.startsOn <= "2027-09-15").toBe(true);
    expect(res.data.academicCalendar.terms.some((t: { kind: string; number: number }) => t.kind === "QUARTER" && t.number === 1)).toBe(
      true,
    );
  });

  it("demo-teacher records a mark on a past lesson, and demo-parent gets the notice", async () => {
    const lessons = await mathsLessons(started);
    const past = lessons.filter((l) => l.date < tashkentDay()).pop();
    expect(past?.date.startsWith("2027-09")).toBe(true);
    const teacher = await signIn(started.system.gatewayUrl, "demo-teacher");
    const parent = await signIn(started.system.gatewayUrl, "demo-parent");
    const before = await gradeNoticesFor(started, parent);
    const child = started.ids.people["demo-student"].id;
    const res = await gql(
      started.system.gatewayUrl,
      RECORD_GRADES,
      { input: { lessonId: past!.id, kind: "INTERMEDIATE", entries: [{ studentId: child, value: 4 }] } },
      { token: teacher },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordGrades).toHaveLength(1);
    const after = await eventually(
      () => gradeNoticesFor(started, parent),
      (n) => n > before,
    );
    expect(after).toBe(before + 1);
  });

  it("a mark on tomorrow's lesson is BAD_USER_INPUT, and no notice is written", async () => {
    const lessons = await mathsLessons(started);
    const later = lessons.find((l) => l.date > tashkentDay());
    expect(later).toBeDefined();
    const teacher = await signIn(started.system.gatewayUrl, "demo-teacher");
    const noticesBefore = await started.system.orms.notifications.em.fork().count(Notification, {});
    const res = await gql(
      started.system.gatewayUrl,
      RECORD_GRADES,
      { input: { lessonId: later!.id, kind: "CURRENT", entries: [{ studentId: started.ids.people["demo-student"].id, value: 5 }] } },
      { token: teacher },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.data?.recordGrades ?? null).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await started.system.orms.notifications.em.fork().count(Notification, {})).toBe(noticesBefore);
  });
});

describe("on 2027-07-15, the demo world is in the summer holiday", () => {
  let started: Started;
  beforeAll(async () => {
    started = await startOn("2027-07-15T06:00:00Z");
  }, 120_000);
  afterAll(async () => {
    await started?.system.stop();
    unpinToday();
  });

  it("2026/27's journal is readable: 5-A's Matematika has its fourth quarter with marks", async () => {
    const classes = await started.system.orms.institutions.em.fork().find(SchoolClass, {});
    expect(new Set(classes.map((c) => c.academicYear))).toEqual(new Set([2026]));
    const token = await signIn(started.system.gatewayUrl, "demo-teacher");
    const res = await gql(
      started.system.gatewayUrl,
      CLASS_JOURNAL,
      { classId: started.ids.classes["5-A"], subjectId: started.ids.subjects["Matematika"], from: "2027-03-29", to: "2027-05-31" },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.classJournal.lessons.length).toBeGreaterThan(10);
    const marks = res.data.classJournal.rows.flatMap((r: { grades: unknown[] }) => r.grades);
    expect(marks.length).toBeGreaterThan(0);
  });

  it("2027/28's calendar is set", async () => {
    const token = await signIn(started.system.gatewayUrl, "demo-teacher");
    const res = await gql(started.system.gatewayUrl, CALENDAR, { year: 2027 }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.academicCalendar?.year).toBe(2027);
    expect(res.data.academicCalendar.startsOn > "2027-07-15").toBe(true);
  });
});

describe("on 2029-02-14 at 01:30 in Tashkent, a year no calendar was shipped for", () => {
  let started: Started;
  beforeAll(async () => {
    started = await startOn("2029-02-14T20:30:00Z");
  }, 120_000);
  afterAll(async () => {
    await started?.system.stop();
    unpinToday();
  });

  it("seeds 2028/29 with a calendar, and its current quarter has past lessons a teacher can mark", async () => {
    const token = await signIn(started.system.gatewayUrl, "demo-teacher");
    const calendar = await gql(started.system.gatewayUrl, CALENDAR, { year: 2028 }, { token });
    expect(calendar.errors).toBeUndefined();
    expect(calendar.data.academicCalendar?.year).toBe(2028);
    const past = (await mathsLessons(started)).filter((l) => l.date < "2029-02-15").pop();
    expect(past!.date >= "2029-01-01").toBe(true);
    const res = await gql(
      started.system.gatewayUrl,
      RECORD_GRADES,
      { input: { lessonId: past!.id, kind: "INTERMEDIATE", entries: [{ studentId: started.ids.people["demo-student"].id, value: 3 }] } },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordGrades[0].value).toBe(3);
  });
});
