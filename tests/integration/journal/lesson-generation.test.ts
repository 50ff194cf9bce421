/** generateLessons and the lesson generation job: a week from the timetable, school days only, idempotent. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClassPlace, Lesson, TeachingReplica, TimetableEntry } from "../../../subgraphs/journal/entities/index.js";
import { LessonGenerationJob } from "../../../subgraphs/journal/jobs/lesson-generation.job.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { termId } from "../../fixtures/calendar.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { GENERATE_LESSONS, MOVE_LESSON, SET_TIMETABLE } from "../../graphql/schedule.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
let w: JournalWorld;
let admin: string;
const class11 = randomUUID();

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 2, sizeB: 1 });
  const em = h.orm.em.fork();
  em.persist(
    em.create(ClassPlace, { classId: class11, schoolId: w.schoolId, districtId: w.districtId, regionId: w.regionId, gradeLevel: 11 }),
  );
  em.persist(em.create(TeachingReplica, { id: randomUUID(), teacherId: w.teacher, classId: class11, subjectId: w.maths }));
  await em.flush();
  admin = await h.tokenFor(w.as.principal);
  const set = async (classId: string, term: string, entries: unknown[]) => {
    const res = await gql(h.url, SET_TIMETABLE, { input: { classId, termId: term, entries } }, { token: admin });
    expect(res.errors).toBeUndefined();
  };
  const maths = { subjectId: w.maths, teacherId: w.teacher };
  // Class A, quarter 2: four lessons a week.
  await set(w.classA, termId("QUARTER", 2), [
    { weekday: "MONDAY", period: 1, ...maths, room: "214" },
    { weekday: "TUESDAY", period: 1, subjectId: w.mothertongue, teacherId: w.teacher2 },
    { weekday: "WEDNESDAY", period: 3, ...maths },
    { weekday: "SATURDAY", period: 2, ...maths },
  ]);
  // The grade-11 class keeps halves: one lesson a week all through the first half.
  await set(class11, termId("HALF_YEAR", 1), [{ weekday: "THURSDAY", period: 4, ...maths }]);
  // Another school's class, written directly: the principal's calls never reach it.
  await em.fork().insert(TimetableEntry, {
    id: randomUUID(),
    classId: w.classC,
    termId: termId("QUARTER", 2),
    weekday: 5,
    period: 1,
    subjectId: w.maths,
    teacherId: w.otherTeacher,
  });
});
afterAll(() => h.close());

const generate = (weekOf: string, classId: string | null = w.classA, token = admin) =>
  gql(h.url, GENERATE_LESSONS, { weekOf, classId }, { token });
const lessonsOf = (classId: string, from: string, to: string) =>
  h.orm.em.fork().find(Lesson, { classId, date: { $gte: from, $lte: to } }, { orderBy: { date: "asc", period: "asc" } });

describe("generateLessons", () => {
  it("makes the week's lessons from the timetable, Monday to Saturday, from any day of the week", async () => {
    const res = await generate("2026-11-26");
    expect(res.errors).toBeUndefined();
    const { weekStartsOn, created, kept } = res.data.generateLessons;
    expect([weekStartsOn, kept]).toEqual(["2026-11-23", 0]);
    expect(created.map((l: any) => [l.date, l.period, l.subject.id, l.teacher.id, l.room, l.cancelled])).toEqual([
      ["2026-11-23", 1, w.maths, w.teacher, "214", false],
      ["2026-11-24", 1, w.mothertongue, w.teacher2, null, false],
      ["2026-11-25", 3, w.maths, w.teacher, null, false],
      ["2026-11-28", 2, w.maths, w.teacher, null, false],
    ]);
    expect(created.every((l: any) => l.schoolClass.id === w.classA && l.topic === null && l.substituteTeacher === null)).toBe(true);
  });

  it("is idempotent: a second run creates nothing and keeps every slot", async () => {
    const again = await generate("2026-11-23");
    expect(again.data.generateLessons.created).toEqual([]);
    expect(again.data.generateLessons.kept).toBe(4);
    expect(await lessonsOf(w.classA, "2026-11-23", "2026-11-28")).toHaveLength(4);
  });

  it("does not make a moved lesson again in the slot it left", async () => {
    const monday = (await lessonsOf(w.classA, "2026-11-23", "2026-11-23"))[0]!;
    const moved = await gql(h.url, MOVE_LESSON, { lessonId: monday.id, date: "2026-11-27", period: 5 }, { token: admin });
    expect(moved.errors).toBeUndefined();
    const again = await generate("2026-11-23");
    expect(again.data.generateLessons.created).toEqual([]);
    expect((await lessonsOf(w.classA, "2026-11-23", "2026-11-28")).map((l) => `${l.date}/${l.period}`)).toEqual([
      "2026-11-24/1",
      "2026-11-25/3",
      "2026-11-27/5",
      "2026-11-28/2",
    ]);
  });

  it("leaves alone a slot another lesson holds", async () => {
    const em = h.orm.em.fork();
    await em.insert(Lesson, {
      id: randomUUID(),
      classId: w.classA,
      subjectId: w.mothertongue,
      teacherId: w.teacher2,
      date: "2026-12-14",
      period: 1,
    });
    const res = await generate("2026-12-14");
    expect(res.data.generateLessons.kept).toBe(1);
    expect(res.data.generateLessons.created.map((l: any) => l.date)).toEqual(["2026-12-15", "2026-12-16", "2026-12-19"]);
  });

  it("skips holidays (Constitution Day, Tuesday 8 December) and days outside the term", async () => {
    const holidayWeek = await generate("2026-12-07");
    expect(holidayWeek.data.generateLessons.created.map((l: any) => l.date)).toEqual(["2026-12-07", "2026-12-09", "2026-12-12"]);
    // 2 November is in the autumn vacation; quarter 2 starts on Monday 9 November.
    expect((await generate("2026-11-02")).data.generateLessons.created).toEqual([]);
    expect((await generate("2026-11-09")).data.generateLessons.created).toHaveLength(4);
    // Quarter 2 ends on Saturday 26 December; the next week is the winter vacation.
    expect((await generate("2026-12-28")).data.generateLessons.created).toEqual([]);
  });

  it("follows a class's halves: through the quarter-2 weeks, not into the vacation", async () => {
    expect((await generate("2026-11-23", class11)).data.generateLessons.created.map((l: any) => l.date)).toEqual(["2026-11-26"]);
    expect((await generate("2026-11-02", class11)).data.generateLessons.created).toEqual([]);
  });

  it("without a class, makes the week of every class of the caller's school, and no other school's", async () => {
    const res = await generate("2026-11-30", null);
    const classes = new Set(res.data.generateLessons.created.map((l: any) => l.schoolClass.id));
    expect(classes).toEqual(new Set([w.classA, class11]));
    expect(res.data.generateLessons.created).toHaveLength(5);
    expect(await lessonsOf(w.classC, "2026-11-30", "2026-12-05")).toHaveLength(0);
  });

  it("is FORBIDDEN to teachers and to another school's administration; NOT_FOUND for an unknown class", async () => {
    const otherAdmin = claims(randomUUID(), "SCHOOL_ADMIN", { org: { schoolId: w.otherSchoolId } });
    expect(codes(await generate("2027-01-11", w.classA, await h.tokenFor(w.as.teacher)))).toEqual(["FORBIDDEN"]);
    expect(codes(await generate("2027-01-11", w.classA, await h.tokenFor(otherAdmin)))).toEqual(["FORBIDDEN"]);
    expect(codes(await generate("2027-01-11", randomUUID()))).toEqual(["NOT_FOUND"]);
    expect(codes(await generate("2027-02-30"))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("the lesson generation job", () => {
  it("makes this week's and next week's lessons for every class with a timetable, once", async () => {
    const job = new LessonGenerationJob(h.orm, 0, () => "2026-12-16");
    const before = await h.orm.em.fork().count(Lesson, { date: { $gte: "2026-12-14", $lte: "2026-12-26" } });
    await job.runOnce();
    const after = await lessonsOf(w.classC, "2026-12-14", "2026-12-26");
    // Class C: Friday period 1, both weeks; class A's week of 14 December was partly there already.
    expect(after.map((l) => l.date)).toEqual(["2026-12-18", "2026-12-25"]);
    const total = await h.orm.em.fork().count(Lesson, { date: { $gte: "2026-12-14", $lte: "2026-12-26" } });
    expect(total - before).toBe(2 /* C */ + 4 /* A, 21 Dec week */ + 2 /* class 11 */);
    await job.runOnce();
    expect(await h.orm.em.fork().count(Lesson, { date: { $gte: "2026-12-14", $lte: "2026-12-26" } })).toBe(total);
    await job.stop();
  });
});
