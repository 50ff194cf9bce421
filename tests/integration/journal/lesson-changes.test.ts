/** moveLesson, cancelLesson, assignSubstitute, and what a cancelled or substituted lesson means for recording. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttendanceMark, Grade, Lesson } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import {
  ASSIGN_SUBSTITUTE,
  CANCEL_LESSON,
  LESSONS_FULL,
  MOVE_LESSON,
  RECORD_ATTENDANCE_IDS,
  RECORD_GRADE_IDS,
} from "../../graphql/schedule.js";
import { codes, gql } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";

let h: SubgraphHarness;
let w: JournalWorld;
let admin: string;

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 3, sizeB: 2 });
  admin = await h.tokenFor(w.as.principal);
});
afterAll(() => h.close());

/** Lessons of the fixture's last day (20 November) hold no marks yet; the earlier ones do. */
const last = (ids: string[]) => ids[ids.length - 1]!;
const lesson = (id: string) => h.orm.em.fork().findOneOrFail(Lesson, { id });
const move = (lessonId: string, date: string, period: number, token = admin) =>
  gql(h.url, MOVE_LESSON, { lessonId, date, period }, { token });
const cancel = (lessonId: string, reason: string, token = admin) => gql(h.url, CANCEL_LESSON, { lessonId, reason }, { token });
const substitute = (lessonId: string, teacherId: string | null, token = admin) =>
  gql(h.url, ASSIGN_SUBSTITUTE, { lessonId, teacherId }, { token });
const grade = async (lessonId: string, studentId: string, who: keyof JournalWorld["as"]) =>
  gql(
    h.url,
    RECORD_GRADE_IDS,
    { input: { lessonId, kind: "CURRENT", entries: [{ studentId, value: 4 }] } },
    { token: await h.tokenFor(w.as[who]) },
  );
const field = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.field;

describe("moveLesson", () => {
  it("moves a lesson to a free slot on a school day of its term", async () => {
    const res = await move(last(w.lessonsB), "2026-11-21", 3);
    expect(res.errors).toBeUndefined();
    expect([res.data.moveLesson.date, res.data.moveLesson.period]).toEqual(["2026-11-21", 3]);
    const stored = await lesson(last(w.lessonsB));
    expect([stored.date, stored.period]).toEqual(["2026-11-21", 3]);
  });

  it("refuses a slot the class already has a lesson in", async () => {
    const res = await move(last(w.lessonsAMother), "2026-11-20", 1);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(field(res)).toBe("period");
  });

  it("refuses a time the teacher gives another class a lesson", async () => {
    // The maths teacher now has class B on Saturday 21 November, period 3.
    const res = await move(last(w.lessonsA), "2026-11-21", 3);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(field(res)).toBe("period");
  });

  it("refuses Sundays, holidays, vacations and periods out of range", async () => {
    for (const [date, period, where] of [
      ["2026-11-22", 1, "date"],
      ["2026-12-08", 1, "date"],
      ["2026-11-03", 1, "date"],
      ["2027-06-15", 1, "date"],
      ["2026-11-23", 0, "period"],
    ] as const) {
      const res = await move(last(w.lessonsA), date, period);
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(field(res)).toBe(where);
    }
  });

  it("refuses a lesson that already holds marks", async () => {
    const res = await move(w.lessonsA[0]!, "2026-11-23", 6);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(field(res)).toBe("lessonId");
  });

  it("is FORBIDDEN to the teacher and to another school's administration; NOT_FOUND for an unknown lesson", async () => {
    const otherAdmin = claims(randomUUID(), "SCHOOL_ADMIN", { org: { schoolId: w.otherSchoolId } });
    expect(codes(await move(last(w.lessonsA), "2026-11-23", 6, await h.tokenFor(w.as.teacher)))).toEqual(["FORBIDDEN"]);
    expect(codes(await move(last(w.lessonsA), "2026-11-23", 6, await h.tokenFor(otherAdmin)))).toEqual(["FORBIDDEN"]);
    expect(codes(await move(randomUUID(), "2026-11-23", 6))).toEqual(["NOT_FOUND"]);
    expect((await lesson(last(w.lessonsA))).date).toBe("2026-11-20");
  });
});

describe("cancelLesson", () => {
  it("keeps the lesson in the journal, flagged, with its reason", async () => {
    const res = await cancel(last(w.lessonsAMother), "  O‘qituvchi malaka oshirishda ");
    expect(res.errors).toBeUndefined();
    expect([res.data.cancelLesson.cancelled, res.data.cancelLesson.cancelReason]).toEqual([true, "O‘qituvchi malaka oshirishda"]);
    const listed = await gql(
      h.url,
      LESSONS_FULL,
      { classId: w.classA, from: "2026-11-20", to: "2026-11-20" },
      { token: await h.tokenFor(w.as.parent) },
    );
    expect(listed.data.lessons.map((l: any) => [l.id, l.cancelled, l.cancelReason])).toEqual([
      [last(w.lessonsA), false, null],
      [last(w.lessonsAMother), true, "O‘qituvchi malaka oshirishda"],
    ]);
    // Outside the class (a parent of another class) the lessons are not shown at all: no topics, no reasons.
    const outsider = await gql(
      h.url,
      LESSONS_FULL,
      { classId: w.classA, from: "2026-11-20", to: "2026-11-20" },
      { token: await h.tokenFor(w.as.otherParent) },
    );
    expect(outsider.errors).toBeUndefined();
    expect(outsider.data.lessons).toEqual([]);
  });

  it("takes no marks and no attendance afterwards (BAD_USER_INPUT)", async () => {
    const res = await grade(last(w.lessonsAMother), w.studentsA[0]!, "teacher2");
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(field(res)).toBe("input.lessonId");
    const attendance = await gql(
      h.url,
      RECORD_ATTENDANCE_IDS,
      { input: { lessonId: last(w.lessonsAMother), entries: [{ studentId: w.studentsA[0], status: "PRESENT" }] } },
      { token: admin },
    );
    expect(codes(attendance)).toEqual(["BAD_USER_INPUT"]);
    expect(await h.orm.em.fork().count(Grade, { lessonId: last(w.lessonsAMother) })).toBe(0);
  });

  it("needs a reason, refuses a lesson with marks and a cancelled lesson cannot be moved", async () => {
    expect(field(await cancel(last(w.lessonsA), "   "))).toBe("reason");
    expect(field(await cancel(w.lessonsA[0]!, "Xato"))).toBe("lessonId");
    expect(field(await move(last(w.lessonsAMother), "2026-11-23", 6))).toBe("lessonId");
    expect(codes(await cancel(last(w.lessonsA), "Xato", await h.tokenFor(w.as.teacher)))).toEqual(["FORBIDDEN"]);
  });
});

describe("assignSubstitute", () => {
  // The day after the fixture's last lesson day: within SUBSTITUTE_DAYS (3) of it.
  beforeAll(() => pinToday("2026-11-21"));
  afterAll(() => unpinToday());

  it("gives the lesson to another teacher of the school, who may then record its marks and attendance", async () => {
    const lessonId = last(w.lessonsA);
    // teacher2 teaches mother tongue in class A, not maths: without the substitution, no marks here.
    expect(codes(await grade(lessonId, w.studentsA[0]!, "teacher2"))).toEqual(["FORBIDDEN"]);
    const res = await substitute(lessonId, w.teacher2);
    expect(res.errors).toBeUndefined();
    expect(res.data.assignSubstitute.substituteTeacher.id).toBe(w.teacher2);
    expect(res.data.assignSubstitute.teacher.id).toBe(w.teacher);

    const recorded = await grade(lessonId, w.studentsA[0]!, "teacher2");
    expect(recorded.errors).toBeUndefined();
    const stored = await h.orm.em.fork().findOneOrFail(Grade, { lessonId, studentId: w.studentsA[0] });
    expect([stored.value, stored.recordedById]).toEqual([4, w.teacher2]);
    // Written, and read back: the access matrix's SUBSTITUTE relationship releases this lesson's rows to them.
    expect(recorded.data.recordGrades.map((g: { id: string }) => g.id)).toEqual([stored.id]);
    const attendance = await gql(
      h.url,
      RECORD_ATTENDANCE_IDS,
      { input: { lessonId, entries: [{ studentId: w.studentsA[1], status: "LATE" }] } },
      { token: await h.tokenFor(w.as.teacher2) },
    );
    expect(attendance.errors).toBeUndefined();
    expect((await h.orm.em.fork().findOneOrFail(AttendanceMark, { lessonId, studentId: w.studentsA[1] })).recordedById).toBe(w.teacher2);
    // The lesson's own teacher keeps the right to record it.
    expect((await grade(lessonId, w.studentsA[2]!, "teacher")).errors).toBeUndefined();
  });

  it("lasts SUBSTITUTE_DAYS from the lesson's day: then the substitute neither records nor reads it", async () => {
    const lessonId = last(w.lessonsA);
    expect((await substitute(lessonId, w.teacher2)).errors).toBeUndefined();
    pinToday("2026-11-23"); // the lesson's day + 3: the last day
    expect((await grade(lessonId, w.studentsA[1]!, "teacher2")).data.recordGrades).toHaveLength(1);
    pinToday("2026-11-24");
    expect(codes(await grade(lessonId, w.studentsA[1]!, "teacher2"))).toEqual(["FORBIDDEN"]);
    pinToday("2026-11-21");
  });

  it("refuses a teacher of another school, the lesson's own teacher, and a substitute busy at that time", async () => {
    const lessonId = last(w.lessonsA);
    expect(field(await substitute(lessonId, w.otherTeacher))).toBe("teacherId");
    expect(field(await substitute(lessonId, w.teacher))).toBe("teacherId");
    // A class B lesson at the same time as class A's, which teacher2 now gives.
    const clash = randomUUID();
    await h.orm.em
      .fork()
      .insert(Lesson, { id: clash, classId: w.classB, subjectId: w.maths, teacherId: w.teacher, date: "2026-11-20", period: 1 });
    const busy = await substitute(clash, w.teacher2);
    expect(codes(busy)).toEqual(["BAD_USER_INPUT"]);
    expect(field(busy)).toBe("teacherId");
  });

  it("is FORBIDDEN to teachers; null takes the lesson back, and the former substitute may record no more", async () => {
    const lessonId = last(w.lessonsA);
    expect(codes(await substitute(lessonId, w.teacher2, await h.tokenFor(w.as.teacher)))).toEqual(["FORBIDDEN"]);
    const back = await substitute(lessonId, null);
    expect(back.data.assignSubstitute.substituteTeacher).toBeNull();
    expect(codes(await grade(lessonId, w.studentsA[1]!, "teacher2"))).toEqual(["FORBIDDEN"]);
  });

  it("refuses a cancelled lesson", async () => {
    expect(field(await substitute(last(w.lessonsAMother), w.teacher))).toBe("lessonId");
  });
});
