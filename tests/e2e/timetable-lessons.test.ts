/**
 * Timetable and lessons end to end, through the gateway on the demo world: the principal sets 5-A's
 * timetable for a quarter the seed left empty and generates a week; the teacher writes topic and homework;
 * the parent reads them; the event waits in the journal's outbox; lessons are moved, cancelled and given to
 * a substitute, who records a mark the parent then sees.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../shared/events/outbox-event.entity.js";
import { addDays } from "../../shared/days.js";
import { Grade } from "../../subgraphs/journal/entities/index.js";
import { RECORD_GRADES } from "../graphql/journal.js";
import {
  ACADEMIC_CALENDAR,
  ASSIGN_SUBSTITUTE,
  CANCEL_LESSON,
  GENERATE_LESSONS,
  HOMEWORK_HISTORY,
  LESSONS_FULL,
  MOVE_LESSON,
  RECORD_GRADE_IDS,
  SET_HOMEWORK,
  SET_LESSON_TOPIC,
  SET_TIMETABLE,
  TIMETABLE,
} from "../graphql/schedule.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { pinToday, unpinToday } from "../support/clock.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const MY_CHILDREN_GRADES = doc("my-children-grades");
const TIMETABLE_WITH_NAMES = /* GraphQL */ `
  query TimetableWithNames($classId: ID!) {
    timetable(classId: $classId) {
      term {
        kind
        number
      }
      entries {
        weekday
        period
        room
        subject {
          name
        }
        teacher {
          id
          fullName
        }
      }
    }
  }
`;

let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = ["demo-principal", "demo-teacher", "demo-teacher-2", "demo-teacher-other", "demo-parent", "demo-student"];

/** The quarter the principal plans: one of 2026/27 whose days the seed gave 5-A no lessons. */
let term: { id: string; number: number; startsOn: string; endsOn: string };
/** The full school week (its second) that gets generated. */
let week: { from: string; to: string };
let classId: string;
let maths: string;
let created: Array<{ id: string; date: string; period: number }>;

const call = (login: DemoLogin, query: string, variables: Record<string, unknown> = {}, purpose?: string) =>
  gql(system.gatewayUrl, query, variables, { token: tokens[login], purpose });

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  for (const login of LOGINS) tokens[login] = await signIn(system.gatewayUrl, login);
  classId = ids.classes["5-A"]!;
  maths = ids.subjects["Matematika"]!;
  const calendar = await call("demo-principal", ACADEMIC_CALENDAR, { year: 2026 });
  const quarters = calendar.data.academicCalendar.terms.filter((t: any) => t.kind === "QUARTER");
  for (const q of [...quarters].reverse()) {
    const res = await call("demo-principal", LESSONS_FULL, { classId, from: q.startsOn, to: q.endsOn });
    if (res.data.lessons.length === 0) {
      term = q;
      break;
    }
  }
  const monday = addDays(term.startsOn, 7 - ((new Date(`${term.startsOn}T00:00:00Z`).getUTCDay() + 6) % 7));
  week = { from: monday, to: addDays(monday, 5) };
});
afterAll(async () => {
  unpinToday();
  await system?.stop();
});

describe("the class's timetable", () => {
  it("the seed keeps 5-A's week as a timetable its student and parent read, teachers' names released by the users subgraph", async () => {
    for (const login of ["demo-student", "demo-parent"] as const) {
      const res = await call(login, TIMETABLE_WITH_NAMES, { classId });
      expect(res.errors).toBeUndefined();
      const entries = res.data.timetable.entries;
      expect(entries.length).toBeGreaterThanOrEqual(20);
      expect(entries.every((e: any) => e.room && e.teacher.id && e.subject.name)).toBe(true);
      const math = entries.filter((e: any) => e.subject.name === "Matematika");
      expect(math.length).toBeGreaterThan(0);
      expect(new Set(math.map((e: any) => e.teacher.fullName))).toEqual(new Set([ids.people["demo-teacher"].values.fullName]));
    }
  });

  it("is FORBIDDEN to a teacher of another school; only the principal may set it", async () => {
    expect(codes(await call("demo-teacher-other", TIMETABLE, { classId }))).toEqual(["FORBIDDEN"]);
    const res = await call("demo-teacher", SET_TIMETABLE, { input: { classId, termId: term.id, entries: [] } });
    expect(codes(res)).toEqual(["FORBIDDEN"]);
  });

  it("the principal sets 5-A's maths for an empty quarter and generates a week of it, once", async () => {
    const current = await call("demo-principal", TIMETABLE, { classId });
    const mathsSlots = current.data.timetable.entries.filter((e: any) => e.subject.id === maths);
    const entries = mathsSlots.map((e: any, i: number) => ({
      weekday: e.weekday,
      period: e.period,
      subjectId: maths,
      teacherId: ids.people["demo-teacher"].id,
      room: i === 0 ? "Matematika xonasi" : e.room,
    }));
    const set = await call("demo-principal", SET_TIMETABLE, { input: { classId, termId: term.id, entries } });
    expect(set.errors).toBeUndefined();
    expect(set.data.setTimetable.entries).toHaveLength(entries.length);

    const generated = await call("demo-principal", GENERATE_LESSONS, { weekOf: week.from, classId });
    expect(generated.errors).toBeUndefined();
    created = generated.data.generateLessons.created;
    expect(created).toHaveLength(entries.length);
    // Five maths lessons a week in grade 5: enough to move one, cancel one and hand one over.
    expect(created.length).toBeGreaterThanOrEqual(4);
    expect(created.every((l: any) => l.subject.id === maths && l.teacher.id === ids.people["demo-teacher"].id)).toBe(true);
    expect(created.every((l: any) => l.date >= week.from && l.date <= week.to)).toBe(true);

    const again = await call("demo-principal", GENERATE_LESSONS, { weekOf: week.to, classId });
    expect(again.data.generateLessons.created).toEqual([]);
    expect(again.data.generateLessons.kept).toBe(entries.length);
  });
});

describe("topic and homework", () => {
  it("the teacher writes them, the parent reads them, and journal.homework.set waits in the outbox", async () => {
    const first = created[0]!;
    const next = created.find((l) => l.date > first.date)!;
    const topic = await call("demo-teacher", SET_LESSON_TOPIC, { lessonId: first.id, topic: "Natural sonlarni taqqoslash" });
    expect(topic.errors).toBeUndefined();
    const hw = await call("demo-teacher", SET_HOMEWORK, { lessonId: first.id, text: "12-bet, 5-7 mashqlar" });
    expect(hw.errors).toBeUndefined();
    expect(hw.data.setHomework.homeworkDueOn).toBe(next.date);

    const seen = await call("demo-parent", LESSONS_FULL, { classId, from: first.date, to: first.date });
    const lesson = seen.data.lessons.find((l: any) => l.id === first.id);
    expect([lesson.topic, lesson.homework, lesson.homeworkDueOn]).toEqual([
      "Natural sonlarni taqqoslash",
      "12-bet, 5-7 mashqlar",
      next.date,
    ]);

    const events = await system.orms.journal.em.fork().find(OutboxEvent, { topic: "journal.homework.set" });
    expect(events.map((e) => e.payload)).toEqual([
      { lessonId: first.id, classId, subjectId: maths, dueOn: next.date, studentIds: expect.any(Array) },
    ]);

    const history = await call("demo-principal", HOMEWORK_HISTORY, { classId, from: week.from, to: week.to });
    expect(history.data.homeworkHistory.map((c: any) => [c.lesson.id, c.newText, c.changedBy.id])).toEqual([
      [first.id, "12-bet, 5-7 mashqlar", ids.people["demo-teacher"].id],
    ]);
    expect(codes(await call("demo-teacher", HOMEWORK_HISTORY, { classId, from: week.from, to: week.to }))).toEqual(["FORBIDDEN"]);
    expect(codes(await call("demo-teacher-2", SET_HOMEWORK, { lessonId: first.id, text: "X" }))).toEqual(["FORBIDDEN"]);
  });
});

describe("moving, cancelling and substituting", () => {
  it("moves a lesson to a free period, and refuses a slot the class already holds", async () => {
    const [first, second] = created;
    const moved = await call("demo-principal", MOVE_LESSON, { lessonId: second!.id, date: second!.date, period: 8 });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.moveLesson.period).toBe(8);
    const taken = await call("demo-principal", MOVE_LESSON, { lessonId: second!.id, date: first!.date, period: first!.period });
    expect(codes(taken)).toEqual(["BAD_USER_INPUT"]);
  });

  it("cancels a lesson with its reason: the parent sees it, the teacher can no longer mark it", async () => {
    const third = created[2]!;
    const res = await call("demo-principal", CANCEL_LESSON, { lessonId: third.id, reason: "Sinf ekskursiyada" });
    expect(res.data.cancelLesson.cancelled).toBe(true);
    const seen = await call("demo-parent", LESSONS_FULL, { classId, from: third.date, to: third.date });
    expect(seen.data.lessons.find((l: any) => l.id === third.id)).toMatchObject({ cancelled: true, cancelReason: "Sinf ekskursiyada" });
    const student = ids.people["demo-student"].id;
    const refused = await call(
      "demo-teacher",
      RECORD_GRADES,
      { input: { lessonId: third.id, kind: "CURRENT", entries: [{ studentId: student, value: 5 }] } },
      "JOURNAL",
    );
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
  });

  it("gives a lesson to a substitute, whose mark the parent then sees", async () => {
    const lesson = created[3]!;
    const student = ids.people["demo-student"].id;
    const mark = { input: { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: student, value: 5, comment: "Faol" }] } };
    // demo-teacher-2 teaches Ona tili in 5-B only: no right to 5-A's maths lesson until given it.
    expect(codes(await call("demo-teacher-2", RECORD_GRADE_IDS, mark))).toEqual(["FORBIDDEN"]);
    const given = await call("demo-principal", ASSIGN_SUBSTITUTE, { lessonId: lesson.id, teacherId: ids.people["demo-teacher-2"].id });
    expect(given.errors).toBeUndefined();
    expect(given.data.assignSubstitute.substituteTeacher.id).toBe(ids.people["demo-teacher-2"].id);

    // Marks are recorded on the lesson's day or later: live that day, with tokens of that day.
    pinToday(lesson.date);
    for (const login of ["demo-teacher-2", "demo-parent"] as const) tokens[login] = await signIn(system.gatewayUrl, login);
    const recorded = await call("demo-teacher-2", RECORD_GRADE_IDS, mark);
    expect(recorded.errors).toBeUndefined();
    const stored = await system.orms.journal.em.fork().findOneOrFail(Grade, { lessonId: lesson.id, studentId: student });
    expect([stored.value, stored.recordedById]).toEqual([5, ids.people["demo-teacher-2"].id]);

    const parent = await call("demo-parent", MY_CHILDREN_GRADES);
    expect(parent.errors).toBeUndefined();
    const grades = parent.data.me.children[0].grades;
    expect(grades.find((g: any) => g.id === stored.id)).toMatchObject({ value: 5, subject: { name: "Matematika" } });
  });
});
