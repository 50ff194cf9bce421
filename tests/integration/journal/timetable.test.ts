/** setTimetable / timetable: who may write and read, and every rule a timetable keeps. */
import { tashkentDay } from "../../../shared/days.js";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClassPlace, TeachingReplica, TimetableEntry } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { termId } from "../../fixtures/calendar.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { SET_TIMETABLE, TIMETABLE } from "../../graphql/schedule.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
let w: JournalWorld;
let admin: string;
/** A grade-11 class of the same school: it keeps halves; `teacher` teaches it maths. */
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
});
afterAll(() => h.close());

const Q2 = termId("QUARTER", 2);
const Q3 = termId("QUARTER", 3);
const H1 = termId("HALF_YEAR", 1);

const mathsA = (weekday: string, period: number, extra: Record<string, unknown> = {}) => ({
  weekday,
  period,
  subjectId: w.maths,
  teacherId: w.teacher,
  ...extra,
});
const motherA = (weekday: string, period: number) => ({ weekday, period, subjectId: w.mothertongue, teacherId: w.teacher2 });

const set = (input: Record<string, unknown>, token = admin) => gql(h.url, SET_TIMETABLE, { input }, { token });
const entriesOf = (classId: string, term: string) => h.orm.em.fork().find(TimetableEntry, { classId, termId: term });

describe("setTimetable", () => {
  it("lets the school's administration set a class's week for a term, and answers it in weekday and period order", async () => {
    const res = await set({
      classId: w.classA,
      termId: Q2,
      entries: [motherA("TUESDAY", 1), mathsA("MONDAY", 2, { room: " 214 " }), mathsA("MONDAY", 1), mathsA("SATURDAY", 3)],
    });
    expect(res.errors).toBeUndefined();
    const t = res.data.setTimetable;
    expect(t.schoolClass.id).toBe(w.classA);
    expect([t.term.kind, t.term.number]).toEqual(["QUARTER", 2]);
    expect(t.entries.map((e: any) => [e.weekday, e.period, e.subject.id, e.teacher.id, e.room])).toEqual([
      ["MONDAY", 1, w.maths, w.teacher, null],
      ["MONDAY", 2, w.maths, w.teacher, "214"],
      ["TUESDAY", 1, w.mothertongue, w.teacher2, null],
      ["SATURDAY", 3, w.maths, w.teacher, null],
    ]);
  });

  it("replaces the term's whole week on a second call, and an empty list clears it", async () => {
    await set({ classId: w.classA, termId: Q3, entries: [mathsA("MONDAY", 1), mathsA("TUESDAY", 1)] });
    const again = await set({ classId: w.classA, termId: Q3, entries: [mathsA("WEDNESDAY", 4)] });
    expect(again.data.setTimetable.entries.map((e: any) => e.weekday)).toEqual(["WEDNESDAY"]);
    expect((await entriesOf(w.classA, Q3)).map((e) => [e.weekday, e.period])).toEqual([[3, 4]]);
    // Another term of the class is untouched.
    expect(await entriesOf(w.classA, Q2)).toHaveLength(4);
    await set({ classId: w.classA, termId: Q3, entries: [] });
    expect(await entriesOf(w.classA, Q3)).toHaveLength(0);
  });

  it("refuses a teacher who does not teach that subject in that class (BAD_USER_INPUT naming the entry)", async () => {
    const res = await set({
      classId: w.classB,
      termId: Q2,
      entries: [mathsA("MONDAY", 3), { weekday: "MONDAY", period: 4, subjectId: w.mothertongue, teacherId: w.teacher2 }],
    });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0]!.extensions!.field).toBe("input.entries[1].teacherId");
  });

  it("refuses two entries in one slot", async () => {
    const res = await set({ classId: w.classA, termId: Q2, entries: [mathsA("FRIDAY", 2), motherA("FRIDAY", 2)] });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0]!.extensions!.field).toBe("input.entries[1]");
  });

  it("refuses a teacher in two classes at the same time, in this term or one overlapping it", async () => {
    // `teacher` has maths in class A on Monday, period 1, in quarter 2.
    const sameTerm = await set({ classId: w.classB, termId: Q2, entries: [mathsA("TUESDAY", 2), mathsA("MONDAY", 1)] });
    expect(codes(sameTerm)).toEqual(["BAD_USER_INPUT"]);
    expect(sameTerm.errors![0]!.extensions!.field).toBe("input.entries[1].teacherId");
    // The grade-11 class keeps halves: the first half overlaps quarter 2.
    const overlapping = await set({ classId: class11, termId: H1, entries: [mathsA("MONDAY", 1)] });
    expect(codes(overlapping)).toEqual(["BAD_USER_INPUT"]);
    // Quarter 3 does not overlap quarter 2: the same slot is free there.
    const otherTerm = await set({ classId: w.classB, termId: Q3, entries: [mathsA("MONDAY", 1)] });
    expect(otherTerm.errors).toBeUndefined();
    expect(await entriesOf(w.classB, Q2)).toHaveLength(0);
  });

  it("refuses a term of the wrong kind for the class's grade, and a bad period or room", async () => {
    const half = await set({ classId: w.classA, termId: H1, entries: [] });
    expect(codes(half)).toEqual(["BAD_USER_INPUT"]);
    expect(half.errors![0]!.extensions!.field).toBe("input.termId");
    expect(codes(await set({ classId: class11, termId: Q2, entries: [] }))).toEqual(["BAD_USER_INPUT"]);
    const period = await set({ classId: w.classA, termId: Q2, entries: [mathsA("MONDAY", 9)] });
    expect(period.errors![0]!.extensions!.field).toBe("input.entries[0].period");
    const room = await set({ classId: w.classA, termId: Q2, entries: [mathsA("MONDAY", 1, { room: "x".repeat(51) })] });
    expect(room.errors![0]!.extensions!.field).toBe("input.entries[0].room");
    const sunday = await set({ classId: w.classA, termId: Q2, entries: [mathsA("SUNDAY", 1)] });
    expect(codes(sunday)).toEqual(["BAD_USER_INPUT"]);
  });

  it("answers NOT_FOUND for an unknown class or term", async () => {
    expect(codes(await set({ classId: randomUUID(), termId: Q2, entries: [] }))).toEqual(["NOT_FOUND"]);
    expect(codes(await set({ classId: w.classA, termId: randomUUID(), entries: [] }))).toEqual(["NOT_FOUND"]);
  });

  it("is FORBIDDEN to teachers, to another school's administration and to officials, and changes nothing", async () => {
    const otherAdmin = claims(randomUUID(), "SCHOOL_ADMIN", { org: { schoolId: w.otherSchoolId, districtId: w.otherDistrictId } });
    for (const who of [w.as.teacher, otherAdmin, w.as.districtOfficial, w.as.parent]) {
      const res = await set({ classId: w.classA, termId: Q2, entries: [] }, await h.tokenFor(who));
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
    expect(await entriesOf(w.classA, Q2)).toHaveLength(4);
  });
});

describe("timetable (read)", () => {
  const read = async (who: keyof JournalWorld["as"] | string, classId = w.classA, term?: string) =>
    gql(
      h.url,
      TIMETABLE,
      { classId, termId: term },
      { token: who in w.as ? await h.tokenFor(w.as[who as keyof JournalWorld["as"]]) : who },
    );

  it("is read by the class's teachers, students and parents, and the school's administration", async () => {
    for (const who of ["principal", "teacher", "teacher2", "student", "parent"] as const) {
      const res = await read(who, w.classA, Q2);
      expect(res.errors).toBeUndefined();
      expect(res.data.timetable.entries).toHaveLength(4);
    }
  });

  it("defaults to the class's current term (or the next, in a vacation)", async () => {
    const res = await read("principal");
    const today = tashkentDay();
    const term = res.data.timetable.term;
    expect(term.kind).toBe("QUARTER");
    if (today <= "2027-05-25") expect(term.endsOn >= today).toBe(true);
  });

  it("is FORBIDDEN to anyone outside the class", async () => {
    for (const who of ["otherParent", "otherTeacher", "districtOfficial"] as const) {
      expect(codes(await read(who, w.classA, Q2))).toEqual(["FORBIDDEN"]);
    }
  });

  it("answers NOT_FOUND for an unknown class, BAD_USER_INPUT for a term of the wrong kind", async () => {
    expect(codes(await read("principal", randomUUID()))).toEqual(["NOT_FOUND"]);
    expect(codes(await read("principal", w.classA, H1))).toEqual(["BAD_USER_INPUT"]);
  });
});
