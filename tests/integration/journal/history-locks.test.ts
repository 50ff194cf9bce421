/**
 * History and locks (DESIGN.md §4): every change of a mark or an attendance mark keeps who, when, old and
 * new value, written with the change and readable by the school's administration only (`history` on the
 * cell, `journalHistory` by class and date); a term locks LOCK_DAYS_AFTER_TERM days after it ends, and
 * then only the school's administration may change it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Grade, JournalChange, Lesson } from "../../../subgraphs/journal/entities/index.js";
import { journalPrivacy } from "../../../subgraphs/journal/privacy/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { RECORD_ATTENDANCE, RECORD_GRADES } from "../../graphql/journal.js";
import { GRADE_HISTORY, JOURNAL_HISTORY, SET_TERM_MARKS, STUDENT_ATTENDANCE_HISTORY } from "../../graphql/journal-rules.js";
import { codes, gql } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";

let h: SubgraphHarness;
let w: JournalWorld;
/** A first-quarter maths lesson of class A (2026-10-20): locked from 2026-11-06 with the default 5 days. */
let q1Lesson: string;

async function addFirstQuarterLesson(harness: SubgraphHarness, world: JournalWorld): Promise<string> {
  const em = harness.orm.em.fork();
  const lesson = em.create(Lesson, {
    id: randomUUID(),
    classId: world.classA,
    subjectId: world.maths,
    teacherId: world.teacher,
    date: "2026-10-20",
    period: 3,
  });
  await em.persist(lesson).flush();
  return lesson.id;
}

beforeAll(async () => {
  pinToday("2026-11-30");
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 4, sizeB: 2 });
  q1Lesson = await addFirstQuarterLesson(h, w);
});
afterAll(async () => {
  await h.close();
  unpinToday();
});

type Who = keyof JournalWorld["as"];
const token = (who: Who) => h.tokenFor(w.as[who]);
const grade = async (who: Who, lessonId: string, entries: unknown[], kind = "CURRENT") =>
  gql(h.url, RECORD_GRADES, { input: { lessonId, kind, entries } }, { token: await token(who), purpose: "JOURNAL" });
const attend = async (who: Who, lessonId: string, entries: unknown[]) =>
  gql(h.url, RECORD_ATTENDANCE, { input: { lessonId, entries } }, { token: await token(who), purpose: "JOURNAL" });
const changesOf = (cellId: string) => h.orm.em.fork().find(JournalChange, { cellId }, { orderBy: { changedAt: "asc", id: "asc" } });
const fresh = () => w.lessonsA[4]!;

describe("every change keeps who, when, old and new", () => {
  let gradeId: string;

  it("a mark: created, changed with a comment, and not again when sent unchanged", async () => {
    const first = await grade("teacher", fresh(), [{ studentId: w.studentsA[0], value: 5 }]);
    gradeId = first.data.recordGrades[0].id;
    await grade("teacher", fresh(), [{ studentId: w.studentsA[0], value: 4, comment: "Uy vazifasi yo‘q" }]);
    await grade("teacher", fresh(), [{ studentId: w.studentsA[0], value: 4, comment: "Uy vazifasi yo‘q" }]);
    const rows = await changesOf(gradeId);
    expect(rows.map((c) => [c.cell, c.gradeKind, c.oldValue, c.newValue, c.oldNote, c.newNote, c.changedById, c.date])).toEqual([
      ["GRADE", "CURRENT", null, "5", null, null, w.teacher, w.days[4]],
      ["GRADE", "CURRENT", "5", "4", null, "Uy vazifasi yo‘q", w.teacher, w.days[4]],
    ]);
    expect(rows[0]!.changedAt.getTime()).toBeLessThanOrEqual(rows[1]!.changedAt.getTime());
  });

  it("an attendance mark: every status change, with its reason", async () => {
    const first = await attend("teacher", fresh(), [{ studentId: w.studentsA[1], status: "LATE" }]);
    const markId = first.data.recordAttendance[0].id;
    await attend("teacher", fresh(), [{ studentId: w.studentsA[1], status: "ILLNESS", reason: "Shifokor ma’lumotnomasi" }]);
    const rows = await changesOf(markId);
    expect(rows.map((c) => [c.cell, c.oldValue, c.newValue, c.oldNote, c.newNote])).toEqual([
      ["ATTENDANCE", null, "LATE", null, null],
      ["ATTENDANCE", "LATE", "ILLNESS", null, "Shifokor ma’lumotnomasi"],
    ]);
  });

  it("a term mark", async () => {
    const res = await gql(
      h.url,
      SET_TERM_MARKS,
      { input: { classId: w.classA, subjectId: w.maths, term: 2, entries: [{ studentId: w.studentsA[2], value: 3 }] } },
      { token: await token("teacher") },
    );
    const rows = await changesOf(res.data.setTermMarks[0].id);
    expect(rows.map((c) => [c.gradeKind, c.oldValue, c.newValue, c.date, c.lessonId])).toEqual([
      ["QUARTER", null, "3", "2026-12-26", null],
    ]);
  });

  it("is readable on the cell by the school admin, and withheld (category history) from the teacher and the parent", async () => {
    const read = async (who: Who, purpose?: string) =>
      gql(h.url, GRADE_HISTORY, { r: [{ __typename: "Grade", id: gradeId }] }, { token: await token(who), purpose });
    const admin = await read("principal", "JOURNAL");
    expect(admin.errors).toBeUndefined();
    expect(admin.data._entities[0].history.map((c: any) => [c.oldValue, c.newValue, c.newNote, c.changedBy.id, c.student.id])).toEqual([
      [null, "5", null, w.teacher, w.studentsA[0]],
      ["5", "4", "Uy vazifasi yo‘q", w.teacher, w.studentsA[0]],
    ]);
    for (const who of ["teacher", "parent"] as const) {
      const res = await read(who);
      expect(res.data._entities[0], who).toMatchObject({ value: 4, history: null });
      expect(
        res.errors!.map((e) => [e.extensions!.code, e.extensions!.category, e.path!.at(-1)]),
        who,
      ).toEqual([["PERSONAL_DATA_WITHHELD", "history", "history"]]);
    }
  });

  it("is readable by class and date by the school admin; an illness reads as an excused absence and notes are withheld under ADMINISTRATION", async () => {
    const read = async (who: Who, purpose?: string) =>
      gql(h.url, JOURNAL_HISTORY, { classId: w.classA, date: w.days[4] }, { token: await token(who), purpose });
    const journal = await read("principal", "JOURNAL");
    expect(journal.errors).toBeUndefined();
    const changes = journal.data.journalHistory;
    expect(changes).toHaveLength(4);
    expect(changes.map((c: any) => [c.cell, c.oldValue, c.newValue])).toEqual([
      ["GRADE", null, "5"],
      ["GRADE", "5", "4"],
      ["ATTENDANCE", null, "LATE"],
      ["ATTENDANCE", "LATE", "ILLNESS"],
    ]);
    const administration = await read("principal");
    expect(administration.data.journalHistory.map((c: any) => c.newValue)).toEqual(["5", "4", "LATE", "ABSENT_EXCUSED"]);
    expect(JSON.stringify(administration.data)).not.toMatch(/ILLNESS|Shifokor|Uy vazifasi/);
    expect(new Set(administration.errors!.map((e) => `${e.extensions!.code}:${e.extensions!.category}`))).toEqual(
      new Set(["PERSONAL_DATA_WITHHELD:sensitive"]),
    );
    // The attendance cell's own history, by the same rule.
    const cell = await gql(
      h.url,
      STUDENT_ATTENDANCE_HISTORY,
      { r: [{ __typename: "User", id: w.studentsA[1] }], from: w.days[4], to: w.days[4] },
      { token: await token("principal"), purpose: "JOURNAL" },
    );
    expect(cell.data._entities[0].attendance[0].history.map((c: any) => c.newValue)).toEqual(["LATE", "ILLNESS"]);
  });

  it("by class and date is FORBIDDEN to teachers, parents, officials and another school's admin", async () => {
    const otherAdmin = claims(randomUUID(), "SCHOOL_ADMIN", {
      org: { schoolId: w.otherSchoolId, districtId: w.otherDistrictId, regionId: w.regionId },
    });
    const tokens = [
      await token("teacher"),
      await token("teacher2"),
      await token("parent"),
      await token("districtOfficial"),
      await h.tokenFor(otherAdmin),
    ];
    for (const t of tokens) {
      const res = await gql(h.url, JOURNAL_HISTORY, { classId: w.classA, date: w.days[4] }, { token: t });
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
  });
});

describe("anonymisation", () => {
  it("keeps the history's rows as statistics but drops its notes and generalises sensitive statuses", async () => {
    const counts = await journalPrivacy.anonymise(h.orm.em.fork(), w.studentsA[1]!);
    expect(counts.journal_changes).toBeGreaterThan(0);
    const rows = await h.orm.em.fork().find(JournalChange, { studentId: w.studentsA[1] }, { orderBy: { changedAt: "asc", id: "asc" } });
    expect(rows.map((c) => [c.oldValue, c.newValue, c.oldNote, c.newNote])).toEqual([
      [null, "LATE", null, null],
      ["LATE", "ABSENT_EXCUSED", null, null],
    ]);
  });
});

describe("a locked term", () => {
  it("refuses the teacher's marks and attendance with FORBIDDEN saying since when and who may", async () => {
    for (const res of [
      await grade("teacher", q1Lesson, [{ studentId: w.studentsA[0], value: 5 }]),
      await attend("teacher", q1Lesson, [{ studentId: w.studentsA[0], status: "ABSENT_UNEXCUSED" }]),
    ]) {
      expect(codes(res)).toEqual(["FORBIDDEN"]);
      expect(res.errors![0]!.extensions!.detail).toBe(
        "Term 1 (quarter 2026-09-02..2026-10-31) is locked since 2026-11-06: only the school's administration may change its marks and attendance now",
      );
    }
    expect(await h.orm.em.fork().count(Grade, { lessonId: q1Lesson })).toBe(0);
  });

  it("accepts the school admin's change, and keeps it in the history under the admin's name", async () => {
    const res = await grade("principal", q1Lesson, [{ studentId: w.studentsA[0], value: 5 }]);
    expect(res.errors).toBeUndefined();
    const rows = await changesOf(res.data.recordGrades[0].id);
    expect(rows.map((c) => [c.newValue, c.changedById])).toEqual([["5", w.principal]]);
    const attendance = await attend("principal", q1Lesson, [{ studentId: w.studentsA[0], status: "ABSENT_UNEXCUSED" }]);
    expect(attendance.errors).toBeUndefined();
  });

  it("is still open on the 5th day after the quarter, and locks on the 6th", async () => {
    pinToday("2026-11-05");
    try {
      expect((await grade("teacher", q1Lesson, [{ studentId: w.studentsA[1], value: 4 }])).errors).toBeUndefined();
      pinToday("2026-11-06");
      expect(codes(await grade("teacher", q1Lesson, [{ studentId: w.studentsA[1], value: 3 }]))).toEqual(["FORBIDDEN"]);
    } finally {
      pinToday("2026-11-30");
    }
  });

  it("follows LOCK_DAYS_AFTER_TERM: with 40 days the first quarter is open until 2026-12-10", async () => {
    const other = await startSubgraphHarness(journalSubgraph, { env: { LOCK_DAYS_AFTER_TERM: "40" } });
    try {
      const world = await seedJournalWorld(other.orm, { sizeA: 2, sizeB: 1 });
      const lesson = await addFirstQuarterLesson(other, world);
      const res = await gql(
        other.url,
        RECORD_GRADES,
        { input: { lessonId: lesson, kind: "CURRENT", entries: [{ studentId: world.studentsA[0], value: 5 }] } },
        { token: await other.tokenFor(world.as.teacher) },
      );
      expect(res.errors).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
