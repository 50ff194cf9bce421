/** classJournal: object-level access through the shared policy, and a statement count independent of class size. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { CLASS_JOURNAL, LESSONS } from "../../graphql/journal.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
let w: JournalWorld;

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 30, sizeB: 3 });
});
afterAll(() => h.close());

const week = { from: "2026-11-16", to: "2026-11-22" };
const journal = async (classId: string, subjectId: string, who: keyof JournalWorld["as"], vars: object = week, purpose?: string) =>
  gql(h.url, CLASS_JOURNAL, { classId, subjectId, ...vars }, { token: await h.tokenFor(w.as[who]), purpose });

/** A subject teacher (not leading the class) gets the page, with only the sensitive absence reasons withheld. */
const onlyReasonsWithheld = (res: { errors?: any[] }): void => {
  expect(res.errors?.length).toBeGreaterThan(0);
  for (const error of res.errors!) {
    expect(error.path.at(-1)).toBe("reason");
    expect(error.extensions).toMatchObject({ code: "PERSONAL_DATA_WITHHELD", category: "sensitive" });
  }
};

describe("classJournal", () => {
  it("gives the class's current students with their marks of the subject", async () => {
    const res = await journal(w.classA, w.maths, "teacher");
    expect(res.errors).toBeUndefined();
    const cj = res.data.classJournal;
    expect(cj.schoolClass.id).toBe(w.classA);
    expect(cj.subject.id).toBe(w.maths);
    expect(cj.lessons.map((l: any) => l.id)).toEqual(w.lessonsA);
    expect(cj.rows.map((r: any) => r.student.id).sort()).toEqual([...w.studentsA].sort());
    for (const row of cj.rows) {
      expect(row.grades).toHaveLength(4);
      expect(row.attendance).toHaveLength(4);
      expect(row.grades.every((g: any) => w.lessonsA.includes(g.lesson.id))).toBe(true);
    }
  });

  it("runs the same number of SQL statements for a 30-student class as for a 3-student class", async () => {
    const count = async (classId: string, size: number): Promise<number> => {
      const token = await h.tokenFor(w.as.teacher);
      h.queries.length = 0;
      const res = await gql(h.url, CLASS_JOURNAL, { classId, subjectId: w.maths, ...week }, { token });
      // `teacher` leads class A and only teaches class B.
      if (classId === w.classA) expect(res.errors).toBeUndefined();
      else onlyReasonsWithheld(res);
      expect(res.data.classJournal.rows).toHaveLength(size);
      return h.queries.length;
    };
    const large = await count(w.classA, 30);
    const small = await count(w.classB, 3);
    console.log(`classJournal SQL statements: 30 students → ${large}, 3 students → ${small}`);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(12);
  });

  it("lets a subject teacher read only the subjects they teach there, the homeroom teacher every subject", async () => {
    onlyReasonsWithheld(await journal(w.classA, w.mothertongue, "teacher2"));
    expect(codes(await journal(w.classB, w.mothertongue, "teacher2"))).toEqual(["FORBIDDEN"]);
    expect(codes(await journal(w.classA, w.maths, "teacher2"))).toEqual(["FORBIDDEN"]);
    // `teacher` leads class A, so its mother-tongue page is open to them too.
    const homeroom = await journal(w.classA, w.mothertongue, "teacher");
    expect(homeroom.errors).toBeUndefined();
    expect(homeroom.data.classJournal.rows[0].grades).toHaveLength(4);
  });

  it("is FORBIDDEN to a teacher of another school, a parent and a district official", async () => {
    expect(codes(await journal(w.classA, w.maths, "otherTeacher"))).toEqual(["FORBIDDEN"]);
    expect(codes(await journal(w.classA, w.maths, "parent"))).toEqual(["FORBIDDEN"]);
    expect(codes(await journal(w.classA, w.maths, "districtOfficial"))).toEqual(["FORBIDDEN"]);
    expect(codes(await journal(w.classA, w.maths, "districtOfficial", week, "ADMINISTRATION"))).toEqual(["FORBIDDEN"]);
  });

  it("is open to the school's administration under JOURNAL only", async () => {
    expect((await journal(w.classA, w.maths, "principal", week, "JOURNAL")).errors).toBeUndefined();
    expect(codes(await journal(w.classA, w.maths, "principal"))).toEqual(["FORBIDDEN"]);
  });

  it("answers NOT_FOUND for an unknown class and BAD_USER_INPUT for bad arguments", async () => {
    expect(codes(await journal(randomUUID(), w.maths, "teacher"))).toEqual(["NOT_FOUND"]);
    expect(codes(await journal("5-A", w.maths, "teacher"))).toEqual(["BAD_USER_INPUT"]);
    const backwards = await journal(w.classA, w.maths, "teacher", { from: "2026-11-22", to: "2026-11-16" });
    expect(codes(backwards)).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await journal(w.classA, w.maths, "teacher", { from: "2025-01-01", to: "2026-11-22" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await journal(w.classA, w.maths, "teacher", { from: "2026-02-30", to: "2026-11-22" }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("needs a token", async () => {
    expect(codes(await gql(h.url, CLASS_JOURNAL, { classId: w.classA, subjectId: w.maths, ...week }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("lessons", () => {
  it("lists a class's lessons in a range, in order, to any signed-in caller", async () => {
    const token = await h.tokenFor(w.as.parent);
    const res = await gql(h.url, LESSONS, { classId: w.classA, from: "2026-11-17", to: "2026-11-18" }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.lessons.map((l: any) => [l.date, l.period, l.subject.id, l.schoolClass.id])).toEqual([
      ["2026-11-17", 1, w.maths, w.classA],
      ["2026-11-17", 2, w.mothertongue, w.classA],
      ["2026-11-18", 1, w.maths, w.classA],
      ["2026-11-18", 2, w.mothertongue, w.classA],
    ]);
    expect(res.data.lessons[0].teacher.id).toBe(w.teacher);
  });

  it("needs a token and sane arguments", async () => {
    expect(codes(await gql(h.url, LESSONS, { classId: w.classA, ...week }))).toEqual(["UNAUTHENTICATED"]);
    const token = await h.tokenFor(w.as.parent);
    expect(codes(await gql(h.url, LESSONS, { classId: "x", ...week }, { token }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(h.url, LESSONS, { classId: w.classA, from: week.to, to: week.from }, { token }))).toEqual(["BAD_USER_INPUT"]);
  });
});
