/**
 * Term marks (DESIGN.md §4): the suggestion from a term's current marks, quarter marks set by the teacher
 * (half-years in grades 10–11), the annual mark as the rounded mean of the term marks (halves up), a late
 * student graded on what they have, and the refusals around them.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { ClassPlace, Grade, Lesson, RosterEntry, TeachingReplica } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { RECORD_GRADES } from "../../graphql/journal.js";
import { SET_TERM_MARKS, TERM_MARK_SUGGESTIONS } from "../../graphql/journal-rules.js";
import { codes, gql } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";

let h: SubgraphHarness;
let w: JournalWorld;
/** Joined class A on 2026-11-18, after the second quarter began. */
let late: string;
/** Joins class A only in the third quarter. */
let joinsInJanuary: string;
/** An 11th-grade class of the same school (half-years), maths taught by `teacher`. */
let class11: string;
let students11: string[];

beforeAll(async () => {
  pinToday("2026-11-30");
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 4, sizeB: 2 });
  const em = h.orm.em.fork();
  late = randomUUID();
  joinsInJanuary = randomUUID();
  em.persist(em.create(RosterEntry, { id: randomUUID(), classId: w.classA, studentId: late, startsOn: "2026-11-18" }));
  em.persist(em.create(RosterEntry, { id: randomUUID(), classId: w.classA, studentId: joinsInJanuary, startsOn: "2027-01-15" }));
  // Marks that make the means interesting: the late student's one mark, and two control works.
  const lastLesson = await em.findOneOrFail(Lesson, { id: w.lessonsA[4]! });
  const mark = (studentId: string, kind: "CURRENT" | "INTERMEDIATE", value: number) =>
    em.persist(
      em.create(Grade, {
        id: randomUUID(),
        studentId,
        classId: w.classA,
        subjectId: w.maths,
        lessonId: lastLesson.id,
        kind,
        value,
        date: lastLesson.date,
        recordedById: w.teacher,
      }),
    );
  mark(late, "CURRENT", 4);
  mark(w.studentsA[0]!, "INTERMEDIATE", 5);
  mark(w.studentsA[2]!, "INTERMEDIATE", 2);
  class11 = randomUUID();
  students11 = [randomUUID(), randomUUID()];
  em.persist(
    em.create(ClassPlace, { classId: class11, schoolId: w.schoolId, districtId: w.districtId, regionId: w.regionId, gradeLevel: 11 }),
  );
  em.persist(em.create(TeachingReplica, { id: randomUUID(), teacherId: w.teacher, classId: class11, subjectId: w.maths }));
  for (const studentId of students11) {
    em.persist(em.create(RosterEntry, { id: randomUUID(), classId: class11, studentId, startsOn: "2026-09-02" }));
  }
  await em.flush();
});
afterAll(async () => {
  await h.close();
  unpinToday();
});

type Who = keyof JournalWorld["as"] | "teacher11";
/** `teacher11` is `teacher` signed in after the 11th-grade assignment (the token lists it). */
const claimsOf = (who: Who) =>
  who === "teacher11"
    ? {
        ...w.as.teacher,
        classes: [...w.as.teacher.classes, class11],
        teaching: [...w.as.teacher.teaching, [class11, w.maths] as [string, string]],
      }
    : w.as[who];
const as = async (who: Who) => h.tokenFor(claimsOf(who));
const sheet = async (who: Who, vars: Record<string, unknown>, purpose?: string) =>
  gql(h.url, TERM_MARK_SUGGESTIONS, vars, { token: await as(who), purpose });
const setMarks = async (who: Who, input: Record<string, unknown>, purpose = "JOURNAL") =>
  gql(h.url, SET_TERM_MARKS, { input }, { token: await as(who), purpose });
const events = async () =>
  (await h.orm.em.fork().find(OutboxEvent, { topic: "journal.term-mark.set" }, { orderBy: { seq: "asc" } })).map((e) => e.payload);
const annualOf = (studentId: string, subjectId = w.maths) => h.orm.em.fork().findOne(Grade, { studentId, subjectId, kind: "ANNUAL" });

describe("the suggestion: the term's current marks, averaged and rounded", () => {
  it("lists every student of the term, the late one included, with mean and suggested mark (halves up)", async () => {
    const res = await sheet("teacher", { classId: w.classA, subjectId: w.maths, term: 2 });
    expect(res.errors).toBeUndefined();
    const data = res.data.termMarkSuggestions;
    expect(data).toMatchObject({
      term: 2,
      termKind: "QUARTER",
      academicYear: 2026,
      startsOn: "2026-11-09",
      endsOn: "2026-12-26",
      lockedFrom: "2027-01-01",
    });
    const byStudent = new Map(data.rows.map((r: any) => [r.student.id, r]));
    // The fixture gave each of the four students 2, 3, 4 and 5 in some order on four maths lessons.
    expect(byStudent.get(w.studentsA[0])).toMatchObject({ marks: 5, average: 19 / 5, suggested: 4, termMark: null }); // + a 5
    expect(byStudent.get(w.studentsA[1])).toMatchObject({ marks: 4, average: 3.5, suggested: 4 }); // 3.5 rounds up
    expect(byStudent.get(w.studentsA[2])).toMatchObject({ marks: 5, average: 16 / 5, suggested: 3 }); // + a 2
    expect(byStudent.get(late)).toMatchObject({ marks: 1, average: 4, suggested: 4 });
    // The student who left in October and the one joining in January are not in this term.
    expect(data.rows).toHaveLength(5);
    expect(byStudent.has(joinsInJanuary)).toBe(false);
  });

  it("shows a half-year to grades 10–11 and refuses a term that class does not have", async () => {
    const res = await sheet("teacher11", { classId: class11, subjectId: w.maths, term: 1 });
    expect(res.data.termMarkSuggestions).toMatchObject({ termKind: "HALF_YEAR", startsOn: "2026-09-02", endsOn: "2026-12-26" });
    expect(res.data.termMarkSuggestions.rows.map((r: any) => r.suggested)).toEqual([null, null]);
    const bad = await sheet("teacher11", { classId: class11, subjectId: w.maths, term: 3 });
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors![0]!.extensions!.field).toBe("term");
  });

  it("is for whoever may read the class's marks in that subject: not another subject's teacher, a parent or an official", async () => {
    for (const who of ["teacher2", "parent", "districtOfficial", "otherTeacher"] as const) {
      expect(codes(await sheet(who, { classId: w.classA, subjectId: w.maths, term: 2 })), who).toEqual(["FORBIDDEN"]);
    }
    const admin = await sheet("principal", { classId: w.classA, subjectId: w.maths, term: 2 }, "JOURNAL");
    expect(admin.data.termMarkSuggestions.rows).toHaveLength(5);
  });
});

describe("a student who joined after the term began", () => {
  it("gets lesson marks like everyone else (and, below, the term mark and an annual mark of the terms they have)", async () => {
    const res = await gql(
      h.url,
      RECORD_GRADES,
      { input: { lessonId: w.lessonsA[4], kind: "INTERMEDIATE", entries: [{ studentId: late, value: 5 }] } },
      { token: await as("teacher") },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordGrades[0]).toMatchObject({ kind: "INTERMEDIATE", value: 5, student: { id: late } });
  });
});

describe("setting quarter marks", () => {
  it("stores one QUARTER mark per student and term, dated the term's last day, with an event each", async () => {
    const before = (await events()).length;
    const res = await setMarks("teacher", {
      classId: w.classA,
      subjectId: w.maths,
      term: 2,
      entries: [
        { studentId: w.studentsA[0], value: 4 },
        { studentId: late, value: 4, comment: "Kech keldi, yaxshi o‘qiydi" },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.setTermMarks.map((g: any) => [g.student.id, g.kind, g.value, g.term, g.date, g.lesson])).toEqual([
      [w.studentsA[0], "QUARTER", 4, 2, "2026-12-26", null],
      [late, "QUARTER", 4, 2, "2026-12-26", null],
    ]);
    const payloads = (await events()).slice(before);
    expect(payloads).toEqual([
      {
        gradeId: res.data.setTermMarks[0].id,
        studentId: w.studentsA[0],
        subjectId: w.maths,
        classId: w.classA,
        lessonId: null,
        kind: "QUARTER",
        term: 2,
        termKind: "QUARTER",
        academicYear: 2026,
        value: 4,
        date: "2026-12-26",
      },
      expect.objectContaining({ studentId: late, value: 4 }),
    ]);
    // No comment or name travels in an event.
    expect(JSON.stringify(payloads)).not.toMatch(/Kech|comment/);
    // Not the year's last quarter: no annual mark yet.
    expect(await annualOf(w.studentsA[0]!)).toBeNull();
  });

  it("changes the mark rather than adding a second one, by setTermMarks or by recordGrades(QUARTER) on a lesson of the term", async () => {
    const first = await h.orm.em.fork().findOneOrFail(Grade, { studentId: w.studentsA[0], kind: "QUARTER", term: 2 });
    const again = await setMarks("teacher", {
      classId: w.classA,
      subjectId: w.maths,
      term: 2,
      entries: [{ studentId: w.studentsA[0], value: 5 }],
    });
    expect(again.data.setTermMarks[0]).toMatchObject({ id: first.id, value: 5 });
    const viaLesson = await gql(
      h.url,
      RECORD_GRADES,
      { input: { lessonId: w.lessonsA[2], kind: "QUARTER", entries: [{ studentId: w.studentsA[0], value: 3 }] } },
      { token: await as("teacher") },
    );
    expect(viaLesson.errors).toBeUndefined();
    expect(viaLesson.data.recordGrades[0]).toMatchObject({ id: first.id, kind: "QUARTER", value: 3, lesson: null });
    expect(await h.orm.em.fork().count(Grade, { studentId: w.studentsA[0], kind: "QUARTER" })).toBe(1);
  });

  it("sends nothing when the same mark is set again", async () => {
    const before = (await events()).length;
    await setMarks("teacher", {
      classId: w.classA,
      subjectId: w.maths,
      term: 2,
      entries: [{ studentId: late, value: 4, comment: "Kech keldi, yaxshi o‘qiydi" }],
    });
    expect(await events()).toHaveLength(before);
  });

  it("refuses what is not a term mark to set, naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ term: 3 }, "input.term"], // has not begun
      [{ term: 5 }, "input.term"],
      [{ year: 2031 }, "input.term"], // the calendar has no such year
      [{ entries: [{ studentId: w.studentsA[0], value: 0 }] }, "input.entries[0].value"],
      [{ entries: [{ studentId: joinsInJanuary, value: 4 }] }, "input.entries[0].studentId"],
      [{ entries: [{ studentId: w.studentsB[0], value: 4 }] }, "input.entries[0].studentId"],
    ];
    for (const [change, field] of cases) {
      const res = await setMarks("teacher", {
        classId: w.classA,
        subjectId: w.maths,
        term: 2,
        entries: [{ studentId: w.studentsA[1], value: 4 }],
        ...change,
      });
      expect(codes(res), JSON.stringify(change)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0]!.extensions!.field).toBe(field);
    }
    const annual = await gql(
      h.url,
      RECORD_GRADES,
      { input: { lessonId: w.lessonsA[2], kind: "ANNUAL", entries: [{ studentId: w.studentsA[0], value: 5 }] } },
      { token: await as("teacher") },
    );
    expect(codes(annual)).toEqual(["BAD_USER_INPUT"]);
    expect(annual.errors![0]!.extensions!.field).toBe("input.kind");
  });

  it("is FORBIDDEN to a teacher of another subject or school, and for a locked quarter to the teacher, not the school admin", async () => {
    const input = { classId: w.classA, subjectId: w.maths, term: 2, entries: [{ studentId: w.studentsA[1], value: 4 }] };
    for (const who of ["teacher2", "otherTeacher", "parent"] as const)
      expect(codes(await setMarks(who, input)), who).toEqual(["FORBIDDEN"]);
    const locked = await setMarks("teacher", { ...input, term: 1 });
    expect(codes(locked)).toEqual(["FORBIDDEN"]);
    expect(locked.errors![0]!.extensions!.detail).toMatch(/Term 1 .*locked since 2026-11-06/);
    const admin = await setMarks("principal", { ...input, term: 1 });
    expect(admin.errors).toBeUndefined();
    expect(admin.data.setTermMarks[0]).toMatchObject({ kind: "QUARTER", term: 1, value: 4, date: "2026-10-31" });
  });
});

describe("the annual mark: the rounded mean of the year's term marks, computed when the last one is set", () => {
  const quarter = (who: Who, term: number, entries: Array<[string, number]>) =>
    setMarks(who, { classId: w.classA, subjectId: w.maths, term, entries: entries.map(([studentId, value]) => ({ studentId, value })) });

  beforeAll(() => {
    // After the fourth quarter ended (2027-05-25), before it locks (2027-05-31): the first three are locked.
    pinToday("2027-05-28");
  });
  afterAll(() => pinToday("2026-11-30"));

  it("appears with the fourth quarter's marks: 4,4,5,5 → 5 (4.5 rounds up); 3,4,4,4 → 4; a late student's 3,3,4 → 3", async () => {
    const [s0, s1] = [w.studentsA[0]!, w.studentsA[1]!];
    // The school admin fills in the earlier, locked quarters (the teacher may not any more).
    expect(codes(await quarter("teacher", 3, [[s0, 5]]))).toEqual(["FORBIDDEN"]);
    for (const [term, marks] of [
      [
        1,
        [
          [s0, 4],
          [s1, 3],
        ],
      ],
      [
        2,
        [
          [s0, 4],
          [s1, 4],
          [late, 3],
        ],
      ],
      [
        3,
        [
          [s0, 5],
          [s1, 4],
          [late, 3],
        ],
      ],
    ] as const) {
      const res = await quarter("principal", term, marks as unknown as Array<[string, number]>);
      expect(res.errors, `term ${term}`).toBeUndefined();
    }
    expect(await annualOf(s0)).toBeNull();

    const before = (await events()).length;
    const q4 = await quarter("teacher", 4, [
      [s0, 5],
      [s1, 4],
      [late, 4],
    ]);
    expect(q4.errors).toBeUndefined();
    const annual = await Promise.all([s0, s1, late].map((id) => annualOf(id)));
    expect(annual.map((g) => [g?.value, g?.kind, g?.date, g?.term ?? null, g?.lessonId ?? null])).toEqual([
      [5, "ANNUAL", "2027-05-25", null, null],
      [4, "ANNUAL", "2027-05-25", null, null],
      [3, "ANNUAL", "2027-05-25", null, null],
    ]);
    const annualEvents = (await events()).slice(before).filter((e) => e.kind === "ANNUAL");
    expect(annualEvents.map((e) => [e.studentId, e.value, e.termKind, e.term])).toEqual([
      [s0, 5, "YEAR", null],
      [s1, 4, "YEAR", null],
      [late, 3, "YEAR", null],
    ]);
  });

  it("follows a later correction of a term mark (by the school admin): 2,4,5,5 → 4", async () => {
    const s0 = w.studentsA[0]!;
    const before = await annualOf(s0);
    const res = await quarter("principal", 1, [[s0, 2]]);
    expect(res.errors).toBeUndefined();
    const after = await annualOf(s0);
    expect(after).toMatchObject({ id: before!.id, value: 4 });
    expect(await h.orm.em.fork().count(Grade, { studentId: s0, subjectId: w.maths, kind: "ANNUAL" })).toBe(1);
  });

  it("for grades 10–11 is the mean of the two half-years: 4 and 5 → 5", async () => {
    const set = (who: Who, term: number, value: number) =>
      setMarks(who, { classId: class11, subjectId: w.maths, term, entries: [{ studentId: students11[0], value }] });
    expect((await set("principal", 1, 4)).errors).toBeUndefined();
    const h2 = await set("teacher11", 2, 5);
    expect(h2.data.setTermMarks[0]).toMatchObject({ kind: "QUARTER", term: 2, date: "2027-05-25" });
    expect(await annualOf(students11[0]!)).toMatchObject({ value: 5, kind: "ANNUAL" });
  });
});
