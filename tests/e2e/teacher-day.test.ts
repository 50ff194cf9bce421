/**
 * A teacher's day through the gateway, on the demo world: myLessons lists the lessons a teacher gives in a
 * range, with class, subject, period, room, topic, homework and whether marks and attendance are in; a
 * lesson handed to a substitute moves from its teacher's list to the substitute's, who records its marks
 * and reads them back, for the lesson's day and SUBSTITUTE_DAYS after only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Lesson, RosterEntry } from "../../subgraphs/journal/entities/index.js";
import { ASSIGN_SUBSTITUTE } from "../graphql/schedule.js";
import { codes, doc, gql } from "../support/client.js";
import { pinToday, unpinToday } from "../support/clock.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const MY_LESSONS = doc("my-lessons");
const RECORD_GRADES = doc("record-grades");

const TODAY = "2026-11-30";
let system: TestSystem;
let ids: DemoIds;

beforeAll(async () => {
  pinToday(TODAY);
  system = await startTestSystem();
  ids = await demoIds(system);
});
afterAll(async () => {
  await system?.stop();
  unpinToday();
});

const SIGN_IN = doc("sign-in");
/** A token minted now (the clock moves in the last test, and a cached token minted earlier would be stale). */
async function freshToken(login: DemoLogin): Promise<string> {
  const res = await gql(system.gatewayUrl, SIGN_IN, { login, password: "demo-password" });
  return res.data.signIn.accessToken;
}
const call = async (login: DemoLogin, query: string, variables: Record<string, unknown> = {}, purpose?: string) =>
  gql(system.gatewayUrl, query, variables, { token: await freshToken(login), purpose });
const person = (login: DemoLogin) => ids.people[login].id;

type Row = {
  id: string;
  date: string;
  period: number;
  marksEntered: boolean;
  attendanceTaken: boolean;
  schoolClass: { name: string };
  subject: { name: string };
  substituteTeacher: { id: string } | null;
};

describe("myLessons", () => {
  it("lists demo-teacher's lessons of the day in order, named, with what is filled in", async () => {
    const res = await call("demo-teacher", MY_LESSONS, { from: TODAY, to: TODAY });
    expect(res.errors).toBeUndefined();
    const rows: Row[] = res.data.myLessons;
    const stored = await system.orms.journal.em
      .fork()
      .find(Lesson, { date: TODAY, teacherId: person("demo-teacher"), substituteTeacherId: null }, { orderBy: { period: "asc" } });
    expect(stored.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).toEqual(stored.map((l) => l.id));
    expect(rows.every((r) => r.schoolClass.name && r.subject.name && r.date === TODAY)).toBe(true);
    expect(rows.map((r) => r.period)).toEqual([...rows.map((r) => r.period)].sort((a, b) => a - b));

    // A mark entered shows at once.
    const first = rows[0]!;
    const student = ids.people["demo-student"].id;
    const lesson = stored[0]!;
    if (lesson.classId === ids.classes["5-A"] && !first.marksEntered) {
      const given = await call("demo-teacher", RECORD_GRADES, {
        input: { lessonId: first.id, kind: "CURRENT", entries: [{ studentId: student, value: 4 }] },
      });
      expect(given.errors).toBeUndefined();
      const again = await call("demo-teacher", MY_LESSONS, { from: TODAY, to: TODAY });
      expect(again.data.myLessons[0].marksEntered).toBe(true);
    }
  });

  it("is a teacher's: a parent is refused; a range longer than 42 days is refused", async () => {
    expect(codes(await call("demo-parent", MY_LESSONS, { from: TODAY, to: TODAY }))).toEqual(["FORBIDDEN"]);
    expect(codes(await call("demo-teacher", MY_LESSONS, { from: "2026-09-01", to: TODAY }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("a substitute's day", () => {
  let lessonId: string;
  let pupil: string;

  it("a lesson handed to demo-teacher-2 leaves demo-teacher's list and joins theirs", async () => {
    const em = system.orms.journal.em.fork();
    const busy = new Set(
      (
        await em.find(Lesson, {
          date: TODAY,
          $or: [{ teacherId: person("demo-teacher-2") }, { substituteTeacherId: person("demo-teacher-2") }],
        })
      ).map((l) => l.period),
    );
    const mine = await em.find(Lesson, { date: TODAY, teacherId: person("demo-teacher"), cancelled: false });
    const lesson = mine.find((l) => !busy.has(l.period))!;
    lessonId = lesson.id;
    pupil = (await em.findOneOrFail(RosterEntry, { classId: lesson.classId, endsOn: null })).studentId;
    const given = await call("demo-principal", ASSIGN_SUBSTITUTE, { lessonId, teacherId: person("demo-teacher-2") });
    expect(given.errors).toBeUndefined();

    const theirs: Row[] = (await call("demo-teacher-2", MY_LESSONS, { from: TODAY, to: TODAY })).data.myLessons;
    expect(theirs.find((r) => r.id === lessonId)?.substituteTeacher?.id).toBe(person("demo-teacher-2"));
    const own: Row[] = (await call("demo-teacher", MY_LESSONS, { from: TODAY, to: TODAY })).data.myLessons;
    expect(own.map((r) => r.id)).not.toContain(lessonId);
  });

  it("the substitute records the lesson's marks and reads them back; three days on, no more", async () => {
    const input = { lessonId, kind: "CURRENT", entries: [{ studentId: pupil, value: 5 }] };
    const res = await call("demo-teacher-2", RECORD_GRADES, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordGrades.map((g: { value: number; student: { id: string } }) => [g.value, g.student.id])).toEqual([[5, pupil]]);
    pinToday("2026-12-04"); // the lesson's day + 4: past SUBSTITUTE_DAYS (3)
    try {
      expect(codes(await call("demo-teacher-2", RECORD_GRADES, { input }))).toEqual(["FORBIDDEN"]);
    } finally {
      pinToday(TODAY);
    }
  });
});
