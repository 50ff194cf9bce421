/**
 * The journal's rules through the gateway, on the demo world (issue 4, points 2–5): quarter marks from the
 * suggestion reach the parent as a TERM_MARK notice; a social code set by the homeroom teacher reaches the
 * parent as data and as an excused-absence notice, never by name; the principal reads who changed what;
 * a locked quarter needs the principal; a message to the parents leaves through the outbox; the daily
 * attendance summary of a class.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../shared/events/outbox-event.entity.js";
import { AttendanceMark, Grade, Lesson } from "../../subgraphs/journal/entities/index.js";
import { roundHalfUp } from "../../subgraphs/journal/lessons/input-rules.js";
import { RECORD_ATTENDANCE } from "../graphql/journal.js";
import {
  CLASS_ATTENDANCE_SUMMARY,
  JOURNAL_HISTORY,
  SEND_PARENT_MESSAGE,
  SET_TERM_MARKS,
  TERM_MARK_SUGGESTIONS,
} from "../graphql/journal-rules.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { pinToday, unpinToday } from "../support/clock.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const MY_NOTIFICATIONS = doc("my-notifications");
const RECORD_GRADES = doc("record-grades");
const CHILD_ATTENDANCE = /* GraphQL */ `
  query ChildAttendance($from: Date, $to: Date) {
    me {
      children {
        attendance(from: $from, to: $to) {
          id
          status
          lesson {
            id
          }
        }
      }
    }
  }
`;

const TODAY = "2026-11-30";
let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = ["demo-parent", "demo-teacher", "demo-teacher-2", "demo-principal", "demo-district"];

beforeAll(async () => {
  // The second quarter is under way and the first locked: the demo seeds this quarter's lessons around "today".
  pinToday(TODAY);
  system = await startTestSystem();
  ids = await demoIds(system);
  for (const login of LOGINS) tokens[login] = await signIn(system.gatewayUrl, login);
});
afterAll(async () => {
  await system?.stop();
  unpinToday();
});

const call = (login: DemoLogin, query: string, variables: Record<string, unknown> = {}, purpose?: string) =>
  gql(system.gatewayUrl, query, variables, { token: tokens[login], purpose });
const student = () => ids.people["demo-student"].id;
const classA = () => ids.classes["5-A"]!;
const maths = () => ids.subjects["Matematika"]!;

/** The parent's notices once the journal's outbox has been relayed and the notices written. */
async function noticesAfter(count: number): Promise<Array<{ kind: string; title: string; body: string }>> {
  await system.relays.journal.drain();
  let notices: Array<{ kind: string; title: string; body: string }> = [];
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    notices = (await call("demo-parent", MY_NOTIFICATIONS)).data.me.notifications;
    if (notices.length > count) break;
  }
  return notices;
}
const noticeCount = async () => (await call("demo-parent", MY_NOTIFICATIONS)).data.me.notifications.length as number;

/** The latest 5-A Matematika lesson before today. */
async function pastLesson(): Promise<Lesson> {
  const lessons = await system.orms.journal.em
    .fork()
    .find(Lesson, { classId: classA(), subjectId: maths(), date: { $lt: TODAY } }, { orderBy: { date: "desc", period: "desc" }, limit: 1 });
  return lessons[0]!;
}

describe("quarter marks", () => {
  it("demo-teacher sets 5-A's second-quarter maths marks from the suggestion; demo-parent is told", async () => {
    const sheet = await call("demo-teacher", TERM_MARK_SUGGESTIONS, { classId: classA(), subjectId: maths(), term: 2 });
    expect(sheet.errors).toBeUndefined();
    const rows = sheet.data.termMarkSuggestions.rows as Array<{ student: { id: string }; marks: number; suggested: number | null }>;
    expect(rows.length).toBeGreaterThanOrEqual(25);
    // The suggestion is the rounded mean of the student's current and intermediate marks of the quarter.
    const own = await system.orms.journal.em.fork().find(Grade, {
      studentId: student(),
      subjectId: maths(),
      kind: { $in: ["CURRENT", "INTERMEDIATE"] },
      date: { $gte: "2026-11-09", $lte: "2026-12-26" },
    });
    const mine = rows.find((r) => r.student.id === student())!;
    expect(own.length).toBeGreaterThan(0);
    expect(mine).toMatchObject({
      marks: own.length,
      suggested: roundHalfUp(
        own.reduce((s, g) => s + g.value, 0),
        own.length,
      ),
    });

    const before = await noticeCount();
    const entries = rows.filter((r) => r.suggested !== null).map((r) => ({ studentId: r.student.id, value: r.suggested }));
    const set = await call("demo-teacher", SET_TERM_MARKS, { input: { classId: classA(), subjectId: maths(), term: 2, entries } });
    expect(set.errors).toBeUndefined();
    expect(set.data.setTermMarks).toHaveLength(entries.length);
    expect(new Set(set.data.setTermMarks.map((g: any) => `${g.kind}/${g.term}/${g.date}`))).toEqual(new Set(["QUARTER/2/2026-12-26"]));

    const notices = await noticesAfter(before);
    const termNotice = notices.find((n) => n.kind === "TERM_MARK");
    expect(termNotice, JSON.stringify(notices.slice(0, 3))).toBeTruthy();
    expect(termNotice!.body).toContain(String(mine.suggested));
  });

  it("the parent sees the quarter mark among the child's grades; a district official is refused the sheet", async () => {
    const grades = await call("demo-parent", `{ me { children { grades { kind value term } } } }`);
    expect(grades.data.me.children[0].grades.filter((g: any) => g.kind === "QUARTER")).toEqual([
      expect.objectContaining({ kind: "QUARTER", term: 2 }),
    ]);
    expect(codes(await call("demo-district", TERM_MARK_SUGGESTIONS, { classId: classA(), subjectId: maths(), term: 2 }))).toEqual([
      "FORBIDDEN",
    ]);
  });
});

describe("a social code", () => {
  it("is the homeroom teacher's; the parent sees it, is told only of an excused absence, and no event names it", async () => {
    const lesson = await pastLesson();
    const before = await noticeCount();
    const refused = await call("demo-teacher-2", RECORD_ATTENDANCE, {
      input: { lessonId: lesson.id, entries: [{ studentId: student(), status: "PARENTS_RESIST_EDUCATION" }] },
    });
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    const res = await call("demo-teacher", RECORD_ATTENDANCE, {
      input: { lessonId: lesson.id, entries: [{ studentId: student(), status: "PARENTS_RESIST_EDUCATION" }] },
    });
    expect(res.errors).toBeUndefined();

    const seen = await call("demo-parent", CHILD_ATTENDANCE, { from: lesson.date, to: lesson.date });
    const cell = seen.data.me.children[0].attendance.find((a: any) => a.lesson.id === lesson.id);
    expect(cell.status).toBe("PARENTS_RESIST_EDUCATION");

    const notices = await noticesAfter(before);
    const fresh = notices.slice(0, notices.length - before);
    expect(fresh.map((n) => n.kind)).toEqual(["ABSENCE"]);
    expect(fresh[0]!.body).toMatch(/sababli/i);
    const events = await system.orms.journal.em.fork().find(OutboxEvent, {});
    expect(JSON.stringify(events.map((e) => e.payload))).not.toMatch(/PARENTS_RESIST|MARRIAGE|NO_PARENTAL|LEFT_COUNTRY|ILLNESS/);
  });
});

describe("history and locks", () => {
  it("demo-principal reads who changed demo-student's mark; demo-teacher may not", async () => {
    const lesson = await pastLesson();
    const existing = await system.orms.journal.em.fork().findOne(Grade, { lessonId: lesson.id, studentId: student(), kind: "CURRENT" });
    const value = existing?.value === 5 ? 4 : 5;
    const res = await call("demo-teacher", RECORD_GRADES, {
      input: { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: student(), value }] },
    });
    expect(res.errors).toBeUndefined();
    const history = await call("demo-principal", JOURNAL_HISTORY, { classId: classA(), date: lesson.date }, "JOURNAL");
    expect(history.errors).toBeUndefined();
    const change = history.data.journalHistory.find((c: any) => c.cellId === res.data.recordGrades[0].id);
    expect(change).toMatchObject({
      cell: "GRADE",
      oldValue: existing ? String(existing.value) : null,
      newValue: String(value),
      changedBy: { id: ids.people["demo-teacher"].id },
      student: { id: student() },
    });
    expect(codes(await call("demo-teacher", JOURNAL_HISTORY, { classId: classA(), date: lesson.date }))).toEqual(["FORBIDDEN"]);
  });

  it("a first-quarter lesson is locked for demo-teacher and open to demo-principal", async () => {
    const em = system.orms.journal.em.fork();
    const lesson = em.create(Lesson, {
      id: randomUUID(),
      classId: classA(),
      subjectId: maths(),
      teacherId: ids.people["demo-teacher"].id,
      date: "2026-10-20",
      period: 7,
    });
    await em.persist(lesson).flush();
    const input = { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: student(), value: 5 }] };
    const refused = await call("demo-teacher", RECORD_GRADES, { input });
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors![0]!.extensions!.detail).toMatch(/locked since 2026-11-06/);
    const accepted = await call("demo-principal", RECORD_GRADES, { input }, "JOURNAL");
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.recordGrades[0]).toMatchObject({ value: 5, kind: "CURRENT" });
    const stored = await system.orms.journal.em.fork().findOneOrFail(Grade, { id: accepted.data.recordGrades[0].id });
    expect(stored.recordedById).toBe(ids.people["demo-principal"].id);
  });
});

describe("a message to the parents", () => {
  it("demo-teacher writes to demo-student's parents: stored and published through the outbox", async () => {
    const text = "Ertaga ota-onalar majlisi soat 17:00 da bo‘ladi.";
    const res = await call("demo-teacher", SEND_PARENT_MESSAGE, { input: { studentId: student(), topic: "MEETING", text } });
    expect(res.errors).toBeUndefined();
    expect(res.data.sendParentMessage).toMatchObject({ topic: "MEETING", text, schoolClass: { id: classA() } });
    const events = await system.orms.journal.em.fork().find(OutboxEvent, { topic: "journal.message.sent" });
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ messageId: res.data.sendParentMessage.id, studentId: student(), topic: "MEETING", text }),
    ]);
    expect(codes(await call("demo-teacher-2", SEND_PARENT_MESSAGE, { input: { studentId: student(), topic: "MEETING", text } }))).toEqual([
      "FORBIDDEN",
    ]);
  });
});

describe("the daily attendance summary", () => {
  it("gives demo-teacher 5-A's days with counts that add up; demo-parent is refused", async () => {
    const from = "2026-11-23";
    const res = await call("demo-teacher", CLASS_ATTENDANCE_SUMMARY, { classId: classA(), from, to: TODAY });
    expect(res.errors).toBeUndefined();
    const days = res.data.classAttendanceSummary as Array<{
      date: string;
      lessons: number;
      marks: number;
      counts: Array<{ count: number }>;
    }>;
    expect(days.length).toBeGreaterThan(0);
    const stored = await system.orms.journal.em.fork().count(AttendanceMark, { classId: classA(), date: { $gte: from, $lte: TODAY } });
    expect(days.reduce((sum, d) => sum + d.marks, 0)).toBe(stored);
    for (const day of days) expect(day.counts.reduce((sum, c) => sum + c.count, 0)).toBe(day.marks);
    expect(codes(await call("demo-parent", CLASS_ATTENDANCE_SUMMARY, { classId: classA(), from, to: TODAY }))).toEqual(["FORBIDDEN"]);
  });
});
