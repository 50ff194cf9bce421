/** recordGrades / recordAttendance: validation, authority, upsert, outbox, and all-or-nothing writes. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { AttendanceMark, Grade, JournalChange } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { RECORD_ATTENDANCE, RECORD_GRADES } from "../../graphql/journal.js";
import { codes, gql } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";
import { usingPostgres } from "../../support/database.js";

let h: SubgraphHarness;
let w: JournalWorld;
let teacherToken: string;

beforeAll(async () => {
  // The fixture's lessons are in the second quarter of 2026/2027, which locks on 2027-01-01.
  pinToday("2026-11-30");
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 6, sizeB: 3 });
  teacherToken = await h.tokenFor(w.as.teacher);
});
afterAll(async () => {
  await h.close();
  unpinToday();
});

/** The lesson on the last day has no marks yet. */
const freshLesson = () => w.lessonsA[w.lessonsA.length - 1]!;
const gradesOn = (lessonId: string) => h.orm.em.fork().count(Grade, { lessonId });
const outbox = (topic: string) => h.orm.em.fork().find(OutboxEvent, { topic });

const record = (entries: unknown[], token = teacherToken, lessonId = freshLesson(), kind = "CURRENT") =>
  gql(h.url, RECORD_GRADES, { input: { lessonId, kind, entries } }, { token });

describe("recordGrades validation", () => {
  it("refuses a mark of 7, naming the field", async () => {
    const res = await record([{ studentId: w.studentsA[0], value: 7 }]);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0]!.extensions!.field).toBe("input.entries[0].value");
  });

  it("refuses a malformed id and a student named twice", async () => {
    expect(codes(await record([{ studentId: "42", value: 5 }]))).toEqual(["BAD_USER_INPUT"]);
    const twice = await record([
      { studentId: w.studentsA[0], value: 5 },
      { studentId: w.studentsA[0], value: 4 },
    ]);
    expect(codes(twice)).toEqual(["BAD_USER_INPUT"]);
    expect(twice.errors![0]!.extensions!.field).toBe("input.entries[1].studentId");
  });

  it("answers NOT_FOUND for an unknown lesson", async () => {
    const res = await record([{ studentId: w.studentsA[0], value: 5 }], teacherToken, randomUUID());
    expect(codes(res)).toEqual(["NOT_FOUND"]);
  });

  it("refuses a student who is not on the class roster", async () => {
    const res = await record([
      { studentId: w.studentsA[0], value: 5 },
      { studentId: w.studentsB[0], value: 4 },
    ]);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0]!.extensions!.field).toBe("input.entries[1].studentId");
  });

  it("is FORBIDDEN to a teacher not assigned to the lesson's class and subject", async () => {
    // teacher2 teaches class A too, but mother tongue, not maths; otherTeacher is at another school.
    for (const who of [w.as.teacher2, w.as.otherTeacher, w.as.parent, w.as.districtOfficial]) {
      const res = await record([{ studentId: w.studentsA[0], value: 5 }], await h.tokenFor(who));
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
  });

  it("needs a token", async () => {
    const res = await gql(h.url, RECORD_GRADES, { input: { lessonId: freshLesson(), kind: "CURRENT", entries: [] } });
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
  });

  it("left nothing behind from any refused call", async () => {
    expect(await gradesOn(freshLesson())).toBe(0);
    expect(await outbox("journal.grade.recorded")).toHaveLength(0);
  });
});

describe("recordGrades writes", () => {
  it("writes every entry with one outbox event each, and corrects rather than duplicates on a second call", async () => {
    const lessonId = freshLesson();
    const first = await record([
      { studentId: w.studentsA[0], value: 5, comment: "A'lo" },
      { studentId: w.studentsA[1], value: 3 },
    ]);
    expect(first.errors).toBeUndefined();
    expect(
      first.data.recordGrades.map((g: any) => [g.student.id, g.value, g.kind, g.date, g.lesson.id, g.subject.id, g.recordedBy.id]),
    ).toEqual([
      [w.studentsA[0], 5, "CURRENT", w.days[4], lessonId, w.maths, w.teacher],
      [w.studentsA[1], 3, "CURRENT", w.days[4], lessonId, w.maths, w.teacher],
    ]);
    const again = await record([{ studentId: w.studentsA[1], value: 4 }]);
    expect(again.data.recordGrades[0].id).toBe(first.data.recordGrades[1].id);
    expect(await gradesOn(lessonId)).toBe(2);
    const corrected = await h.orm.em.fork().findOneOrFail(Grade, { id: first.data.recordGrades[1].id });
    expect(corrected.value).toBe(4);

    const events = await outbox("journal.grade.recorded");
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.payload).at(-1)).toEqual({
      gradeId: first.data.recordGrades[1].id,
      studentId: w.studentsA[1],
      subjectId: w.maths,
      classId: w.classA,
      lessonId,
      kind: "CURRENT",
      value: 4,
      previousValue: 3,
      date: w.days[4],
    });
    // A new mark says it had no value before.
    expect(events[0]!.payload.previousValue).toBeNull();
  });

  it("an edit of only a mark's comment keeps its history row but announces nothing", async () => {
    const lessonId = w.lessonsA[w.lessonsA.length - 2]!;
    const studentId = w.studentsA[2];
    const first = await record([{ studentId, value: 4 }], teacherToken, lessonId);
    expect(first.errors).toBeUndefined();
    const gradeId = first.data.recordGrades[0].id;
    const eventsOf = async () => (await outbox("journal.grade.recorded")).filter((e) => e.payload.gradeId === gradeId);
    expect(await eventsOf()).toHaveLength(1);
    const commented = await record([{ studentId, value: 4, comment: "Uy vazifasi to'liq emas" }], teacherToken, lessonId);
    expect(commented.errors).toBeUndefined();
    expect(await eventsOf()).toHaveLength(1);
    const history = await h.orm.em.fork().find(JournalChange, { cellId: gradeId });
    expect(history.map((c) => [c.oldNote ?? null, c.newNote ?? null])).toContainEqual([null, "Uy vazifasi to'liq emas"]);
    // A changed value is news again.
    await record([{ studentId, value: 5, comment: "Uy vazifasi to'liq emas" }], teacherToken, lessonId);
    expect((await eventsOf()).map((e) => e.payload.value)).toEqual([4, 5]);
  });

  it("lets the school's administration record (and see the result under JOURNAL)", async () => {
    const token = await h.tokenFor(w.as.principal);
    const res = await gql(
      h.url,
      RECORD_GRADES,
      { input: { lessonId: freshLesson(), kind: "INTERMEDIATE", entries: [{ studentId: w.studentsA[2], value: 2 }] } },
      { token, purpose: "JOURNAL" },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordGrades.map((g: any) => g.value)).toEqual([2]);
  });

  it("is all or nothing: a failure half-way through the transaction leaves no grade and no event", async () => {
    // On lesson 4 every student has a seeded grade; remove one so the call both inserts and updates.
    const lessonId = w.lessonsA[3]!;
    const em = h.orm.em.fork();
    await em.nativeDelete(Grade, { lessonId, studentId: w.studentsA[5] });
    const kept = await em.findOneOrFail(Grade, { lessonId, studentId: w.studentsA[4], kind: "CURRENT" });
    const eventsBefore = (await outbox("journal.grade.recorded")).length;
    // The update of the existing grade fails after the new grade and the events were inserted.
    const conn = h.orm.em.getConnection();
    const pg = usingPostgres();
    if (pg) {
      await conn.execute("create function fail_update() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$");
      await conn.execute("create trigger fail_update before update on grades for each row execute function fail_update()");
    } else {
      await conn.execute("create trigger fail_update before update on grades begin select raise(abort, 'disk full'); end");
    }
    h.queries.length = 0;
    try {
      const res = await record(
        [
          { studentId: w.studentsA[4], value: kept.value === 5 ? 4 : 5 },
          { studentId: w.studentsA[5], value: 4 },
        ],
        teacherToken,
        lessonId,
      );
      expect(codes(res)).toEqual(["INTERNAL_SERVER_ERROR"]);
      expect(JSON.stringify(res.errors)).not.toMatch(/disk full|insert|update/i);
    } finally {
      await conn.execute(pg ? "drop trigger fail_update on grades" : "drop trigger fail_update");
    }
    const ran = h.queries.join("\n");
    expect(ran).toMatch(/insert into [`"]grades[`"]/);
    expect(ran).toMatch(/insert into [`"]outbox_events[`"]/);
    expect(ran).toMatch(/rollback/);
    const after = h.orm.em.fork();
    expect(await after.count(Grade, { lessonId, studentId: w.studentsA[5] })).toBe(0);
    expect((await after.findOneOrFail(Grade, { id: kept.id })).value).toBe(kept.value);
    expect(await outbox("journal.grade.recorded")).toHaveLength(eventsBefore);
  });
});

describe("recordAttendance", () => {
  const attend = (entries: unknown[], lessonId = freshLesson()) =>
    gql(h.url, RECORD_ATTENDANCE, { input: { lessonId, entries } }, { token: teacherToken });

  it("needs a reason for an excused absence", async () => {
    const res = await attend([{ studentId: w.studentsA[0], status: "ABSENT_EXCUSED" }]);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0]!.extensions!.field).toBe("input.entries[0].reason");
  });

  it("writes one mark per student and lesson, with an event for every mark but PRESENT", async () => {
    const before = (await outbox("journal.attendance.recorded")).length;
    const res = await attend([
      { studentId: w.studentsA[0], status: "PRESENT" },
      { studentId: w.studentsA[1], status: "ABSENT_EXCUSED", reason: "Oilaviy sabab" },
      { studentId: w.studentsA[2], status: "LATE" },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data.recordAttendance.map((m: any) => [m.student.id, m.status, m.reason])).toEqual([
      [w.studentsA[0], "PRESENT", null],
      [w.studentsA[1], "ABSENT_EXCUSED", "Oilaviy sabab"],
      [w.studentsA[2], "LATE", null],
    ]);
    const again = await attend([{ studentId: w.studentsA[2], status: "PRESENT" }]);
    expect(again.data.recordAttendance[0].id).toBe(res.data.recordAttendance[2].id);
    expect(await h.orm.em.fork().count(AttendanceMark, { lessonId: freshLesson() })).toBe(3);
    const events = (await outbox("journal.attendance.recorded")).slice(before);
    expect(events.map((e) => [e.payload.studentId, e.payload.status])).toEqual([
      [w.studentsA[1], "ABSENT_EXCUSED"],
      [w.studentsA[2], "LATE"],
    ]);
  });

  it("is FORBIDDEN to a teacher of another subject", async () => {
    const res = await gql(
      h.url,
      RECORD_ATTENDANCE,
      { input: { lessonId: freshLesson(), entries: [{ studentId: w.studentsA[0], status: "LATE" }] } },
      { token: await h.tokenFor(w.as.teacher2) },
    );
    expect(codes(res)).toEqual(["FORBIDDEN"]);
  });
});
