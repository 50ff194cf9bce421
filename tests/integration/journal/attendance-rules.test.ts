/**
 * Attendance rules (DESIGN.md §3–4): an excused absence needs a reason; the social codes are the homeroom
 * teacher's alone, sensitive like ILLNESS (everyone but the homeroom teacher, the school admin, the parent
 * and the student sees the excused absence they fall under) and never leave the journal in an event; the
 * daily summary per class for the school admin and the class's teachers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { AttendanceMark, JournalChange, SOCIAL_STATUSES } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { RECORD_ATTENDANCE, STUDENT_RECORDS } from "../../graphql/journal.js";
import { CLASS_ATTENDANCE_SUMMARY } from "../../graphql/journal-rules.js";
import { codes, gql } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";

let h: SubgraphHarness;
let w: JournalWorld;

beforeAll(async () => {
  pinToday("2026-11-30");
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 6, sizeB: 3 });
});
afterAll(async () => {
  await h.close();
  unpinToday();
});

type Who = keyof JournalWorld["as"];
const attend = async (who: Who, lessonId: string, entries: unknown[], purpose?: string) =>
  gql(h.url, RECORD_ATTENDANCE, { input: { lessonId, entries } }, { token: await h.tokenFor(w.as[who]), purpose });
/** Class A's last fixture day: no attendance yet, in maths (teacher) and mother tongue (teacher2). */
const mathsLesson = () => w.lessonsA[4]!;
const motherLesson = () => w.lessonsAMother[4]!;
const payloads = async () => (await h.orm.em.fork().find(OutboxEvent, {}, { orderBy: { seq: "asc" } })).map((e) => e.payload);
const statusOf = async (lessonId: string, studentId: string) =>
  (await h.orm.em.fork().findOneOrFail(AttendanceMark, { lessonId, studentId })).status;

describe("excused absences", () => {
  it("need a reason: none, or only spaces, is BAD_USER_INPUT naming the entry", async () => {
    for (const reason of [undefined, "   "]) {
      const res = await attend("teacher", mathsLesson(), [
        { studentId: w.studentsA[0], status: "PRESENT" },
        { studentId: w.studentsA[1], status: "ABSENT_EXCUSED", reason },
      ]);
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0]!.extensions!.field).toBe("input.entries[1].reason");
    }
  });

  it("are kept with their reason; an illness or a lateness needs none", async () => {
    const res = await attend("teacher", mathsLesson(), [
      { studentId: w.studentsA[0], status: "ABSENT_EXCUSED", reason: "  Oilaviy sabab " },
      { studentId: w.studentsA[1], status: "ILLNESS" },
      { studentId: w.studentsA[2], status: "LATE" },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data.recordAttendance.map((m: any) => [m.status, m.reason])).toEqual([
      ["ABSENT_EXCUSED", "Oilaviy sabab"],
      ["ILLNESS", null],
      ["LATE", null],
    ]);
  });
});

describe("social codes", () => {
  it("are the homeroom teacher's: on any lesson of their class, in every code", async () => {
    // The homeroom teacher does not teach mother tongue, yet keeps the class's attendance in it.
    const res = await attend(
      "teacher",
      motherLesson(),
      SOCIAL_STATUSES.map((status, i) => ({ studentId: w.studentsA[i], status })),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordAttendance.map((m: any) => m.status)).toEqual([...SOCIAL_STATUSES]);
  });

  it("are FORBIDDEN to the subject teacher, the school admin and a teacher who leads no class here", async () => {
    const entries = [{ studentId: w.studentsA[5], status: "MARRIAGE" }];
    const subject = await attend("teacher2", motherLesson(), entries);
    expect(codes(subject)).toEqual(["FORBIDDEN"]);
    expect(subject.errors![0]!.extensions!.detail).toMatch(/only the class.s homeroom teacher may record MARRIAGE/);
    expect(codes(await attend("principal", motherLesson(), entries, "JOURNAL"))).toEqual(["FORBIDDEN"]);
    // teacher leads class A, not class B, though they teach maths there.
    expect(codes(await attend("teacher", w.lessonsB[4]!, [{ studentId: w.studentsB[0], status: "LEFT_COUNTRY" }]))).toEqual(["FORBIDDEN"]);
    expect(await h.orm.em.fork().count(AttendanceMark, { lessonId: motherLesson(), studentId: w.studentsA[5] })).toBe(0);
  });

  it("never leave the journal in an event: they are published as ABSENT_EXCUSED, with no reason", async () => {
    const all = await payloads();
    const ofMother = all.filter((p) => p.lessonId === motherLesson());
    expect(ofMother.map((p) => p.status)).toEqual(SOCIAL_STATUSES.map(() => "ABSENT_EXCUSED"));
    const json = JSON.stringify(all);
    for (const code of [...SOCIAL_STATUSES, "ILLNESS"]) expect(json).not.toContain(code);
    expect(json).not.toMatch(/reason|Oilaviy/);
  });

  it("are shown as ABSENT_EXCUSED to the subject teacher, as they are to the homeroom teacher, the parent, the admin (JOURNAL) and the student", async () => {
    const seen = async (who: Who, purpose?: string) => {
      const res = await gql(
        h.url,
        STUDENT_RECORDS,
        { r: [{ __typename: "User", id: w.studentsA[0] }], from: w.days[4], to: w.days[4] },
        { token: await h.tokenFor(w.as[who]), purpose },
      );
      return (res.data._entities[0].attendance as Array<{ status: string }>).map((a) => a.status).sort();
    };
    // studentsA[0]: excused in maths (with a reason), NO_PARENTAL_SUPERVISION in mother tongue.
    expect(await seen("teacher2")).toEqual(["ABSENT_EXCUSED"]);
    for (const who of ["teacher", "parent", "student"] as const)
      expect(await seen(who), who).toEqual(["ABSENT_EXCUSED", "NO_PARENTAL_SUPERVISION"]);
    expect(await seen("principal", "JOURNAL")).toEqual(["ABSENT_EXCUSED", "NO_PARENTAL_SUPERVISION"]);
  });

  it("survive the subject teacher sending back the class's attendance as they were shown it; an actual change goes through", async () => {
    const history = () => h.orm.em.fork().count(JournalChange, { lessonId: motherLesson(), studentId: w.studentsA[2] });
    const before = await history();
    const resent = await attend("teacher2", motherLesson(), [{ studentId: w.studentsA[2], status: "ABSENT_EXCUSED", reason: "Sababli" }]);
    // What comes back is the cell as this teacher may see it: the general status, the reason withheld.
    expect(codes(resent)).toEqual(["PERSONAL_DATA_WITHHELD"]);
    expect(resent.data.recordAttendance[0]).toMatchObject({ status: "ABSENT_EXCUSED", reason: null });
    expect(await statusOf(motherLesson(), w.studentsA[2]!)).toBe("MARRIAGE");
    expect(await history()).toBe(before);
    const present = await attend("teacher2", motherLesson(), [{ studentId: w.studentsA[2], status: "PRESENT" }]);
    expect(codes(present)).toEqual(["PERSONAL_DATA_WITHHELD"]);
    expect(present.data.recordAttendance[0].status).toBe("PRESENT");
    expect(await statusOf(motherLesson(), w.studentsA[2]!)).toBe("PRESENT");
    expect(await history()).toBe(before + 1);
  });
});

describe("the daily summary of a class", () => {
  const summary = async (who: Who, from = w.days[0]!, to = w.days[4]!, purpose?: string, classId = w.classA) =>
    gql(h.url, CLASS_ATTENDANCE_SUMMARY, { classId, from, to }, { token: await h.tokenFor(w.as[who]), purpose });

  /** The same figures straight from the table, as the oracle. */
  async function expected(foldSensitive: boolean) {
    const marks = await h.orm.em.fork().find(AttendanceMark, { classId: w.classA });
    const sensitive = new Set<string>(["ILLNESS", ...SOCIAL_STATUSES]);
    return w.days.map((date) => {
      const counts = new Map<string, number>();
      for (const m of marks.filter((m) => m.date === date)) {
        const status = foldSensitive && sensitive.has(m.status) ? "ABSENT_EXCUSED" : m.status;
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const present = (counts.get("PRESENT") ?? 0) + (counts.get("LATE") ?? 0);
      return { date, lessons: 2, marks: total, present, presentShare: total ? present / total : null, counts: Object.fromEntries(counts) };
    });
  }
  const asMaps = (days: any[]) => days.map((d) => ({ ...d, counts: Object.fromEntries(d.counts.map((c: any) => [c.status, c.count])) }));

  it("counts per day every status, the social codes included, for the homeroom teacher", async () => {
    const res = await summary("teacher");
    expect(res.errors).toBeUndefined();
    expect(asMaps(res.data.classAttendanceSummary)).toEqual(await expected(false));
    const last = res.data.classAttendanceSummary.at(-1);
    expect(last.counts.map((c: any) => c.status)).toEqual(
      expect.arrayContaining(["NO_PARENTAL_SUPERVISION", "PARENTS_RESIST_EDUCATION", "LEFT_COUNTRY", "ILLNESS"]),
    );
    // The first day: six students, two lessons, one absence per lesson (the fixture's pattern).
    expect(res.data.classAttendanceSummary[0]).toMatchObject({ lessons: 2, marks: 12, present: 10, presentShare: 10 / 12 });
  });

  it("counts sensitive statuses as excused absences for a subject teacher; the school admin (JOURNAL) sees them", async () => {
    expect(asMaps((await summary("teacher2")).data.classAttendanceSummary)).toEqual(await expected(true));
    expect(asMaps((await summary("principal", undefined, undefined, "JOURNAL")).data.classAttendanceSummary)).toEqual(
      await expected(false),
    );
  });

  it("is FORBIDDEN to a parent, a student, an official and another school's teacher; a long range is BAD_USER_INPUT", async () => {
    for (const who of ["parent", "student", "districtOfficial", "otherTeacher"] as const) {
      expect(codes(await summary(who)), who).toEqual(["FORBIDDEN"]);
    }
    const long = await summary("teacher", "2026-09-01", "2026-12-01");
    expect(codes(long)).toEqual(["BAD_USER_INPUT"]);
  });
});
