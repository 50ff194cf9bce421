/**
 * The year's rollover on the demo world, on 20 June 2027 (2026/27's last quarter is over): the principal
 * promotes the school's classes, carrying teaching and homeroom over. 5-A becomes 6-A of 2027/28 with the
 * same students, 11-V graduates and every subgraph schedules its students' retention, 2026/27's 5-A
 * journal stays whole and readable, 6-A's first quarter gets lessons from the carried timetable, and
 * 2026/27 is closed: nobody may change it any more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockFrom, resetClock, setClock } from "../../shared/clock.js";
import { loadConfig } from "../../shared/config.js";
import { addDays } from "../../shared/days.js";
import { RetentionSchedule } from "../../shared/privacy/retention-schedule.entity.js";
import { Enrolment, SchoolClass } from "../../subgraphs/institutions/entities/index.js";
import { ClosedYear, Grade, Lesson, RosterEntry } from "../../subgraphs/journal/entities/index.js";
import { Placement } from "../../subgraphs/users/entities/index.js";
import { GENERATE_LESSONS, RECORD_GRADE_IDS } from "../graphql/schedule.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const PROMOTE = doc("promote-classes");
const CLASS_JOURNAL = doc("class-journal");
const MY_CHILDREN_GRADES = doc("my-children-grades");

let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = ["demo-principal", "demo-teacher", "demo-ministry", "demo-parent"];
/** School staff and parents read the journal under JOURNAL; the ministry under its own default purpose. */
const call = (login: DemoLogin, query: string, variables: Record<string, unknown> = {}) =>
  gql(system.gatewayUrl, query, variables, { token: tokens[login], purpose: login === "demo-ministry" ? undefined : "JOURNAL" });

/** Before the promotion: 5-A's and 11-V's students, and 5-A's maths journal of 2026/27 as the principal reads it. */
let studentsOf5A: string[];
let studentsOf11V: string[];
let journalBefore: { lessons: string[]; grades: number };
let promotion: any;
/** demo-parent's children's grade ids, as the parent reads them. */
let childGradesBefore: string[];
const YEAR = { from: "2026-09-01", to: "2027-06-20" };

const openStudents = async (classId: string) =>
  (await system.orms.institutions.em.fork().find(Enrolment, { classId, endsOn: null })).map((e) => e.studentId).sort();

async function journalOf5A(): Promise<{ lessons: string[]; grades: number }> {
  const res = await call("demo-principal", CLASS_JOURNAL, { classId: ids.classes["5-A"], subjectId: ids.subjects["Matematika"], ...YEAR });
  expect(res.errors).toBeUndefined();
  const journal = res.data.classJournal;
  return {
    lessons: journal.lessons.map((l: any) => l.id).sort(),
    grades: journal.rows.reduce((n: number, r: any) => n + r.grades.length, 0),
  };
}

beforeAll(async () => {
  setClock(clockFrom("2027-06-20T06:00:00Z"));
  system = await startTestSystem();
  ids = await demoIds(system);
  for (const login of LOGINS) tokens[login] = await signIn(system.gatewayUrl, login);
  studentsOf5A = await openStudents(ids.classes["5-A"]!);
  studentsOf11V = await openStudents(ids.classes["11-V"]!);
  journalBefore = await journalOf5A();
  childGradesBefore = await childGrades();
});

async function childGrades(): Promise<string[]> {
  const res = await call("demo-parent", MY_CHILDREN_GRADES);
  expect(res.errors).toBeUndefined();
  return res.data.me.children.flatMap((c: any) => c.grades.map((g: any) => g.id)).sort();
}
afterAll(async () => {
  await system?.stop();
  resetClock();
});

describe("promoting a school's classes at the year's end", () => {
  it("is the school's administration's (or the ministry's), not a teacher's", async () => {
    expect(codes(await call("demo-teacher", PROMOTE, { fromYear: 2026 }))).toEqual(["FORBIDDEN"]);
    expect(studentsOf5A.length).toBeGreaterThan(0);
    expect(studentsOf11V.length).toBeGreaterThan(0);
    expect(journalBefore.lessons.length).toBeGreaterThan(0);
    expect(journalBefore.grades).toBeGreaterThan(0);
  });

  it("promotes in one go, and only once", async () => {
    const res = await call("demo-principal", PROMOTE, { fromYear: 2026, carryTeaching: true, carryHomeroom: true });
    expect(res.errors).toBeUndefined();
    [promotion] = res.data.promoteClasses;
    expect(promotion).toMatchObject({ fromYear: 2026, toYear: 2027, graduatedStudents: studentsOf11V.length });
    expect(promotion.classes.map((c: any) => c.name)).toContain("6-A");
    const again = await call("demo-principal", PROMOTE, { fromYear: 2026 });
    expect(codes(again)).toEqual(["BAD_USER_INPUT"]);
    expect(again.errors![0]!.extensions!.field).toBe("fromYear");
    // Every replica has followed once the journal has closed the year.
    await expect
      .poll(async () => system.orms.journal.em.fork().count(ClosedYear, { year: 2026 }), { timeout: 15_000, interval: 200 })
      .toBe(1);
  });

  it("makes 5-A of 2026/27 into 6-A of 2027/28 with the same students, in institutions, the journal and users", async () => {
    const sixA = await system.orms.institutions.em.fork().findOneOrFail(SchoolClass, { name: "6-A", academicYear: 2027 });
    expect(sixA.gradeLevel).toBe(6);
    expect(promotion.classes.find((c: any) => c.name === "6-A").id).toBe(sixA.id);
    expect(await openStudents(sixA.id)).toEqual(studentsOf5A);
    // The old enrolments end where the new ones start: 1 September 2027.
    const old = await system.orms.institutions.em.fork().find(Enrolment, { classId: ids.classes["5-A"], studentId: { $in: studentsOf5A } });
    expect(new Set(old.map((e) => e.endsOn))).toEqual(new Set(["2027-09-01"]));
    const roster = await system.orms.journal.em.fork().find(RosterEntry, { classId: sixA.id });
    expect(roster.map((r) => r.studentId).sort()).toEqual(studentsOf5A);
    await expect
      .poll(
        async () =>
          (await system.orms.users.em.fork().find(Placement, { kind: "ENROLMENT", classId: sixA.id })).map((p) => p.userId).sort(),
        {
          timeout: 10_000,
        },
      )
      .toEqual(studentsOf5A);
  });

  it("graduates 11-V: enrolments end GRADUATED on the year's end and every subgraph schedules retention", async () => {
    expect(await openStudents(ids.classes["11-V"]!)).toEqual([]);
    const due = addDays("2027-09-01", loadConfig({}).retention.daysAfterLeaving);
    for (const name of ["users", "institutions", "journal", "notifications"] as const) {
      await expect
        .poll(
          async () =>
            (await system.orms[name].em.fork().find(RetentionSchedule, { subjectId: { $in: studentsOf11V }, reason: "LEFT_SCHOOL" }))
              .length,
          {
            timeout: 10_000,
          },
        )
        .toBe(studentsOf11V.length);
      const rows = await system.orms[name].em.fork().find(RetentionSchedule, { subjectId: { $in: studentsOf11V }, reason: "LEFT_SCHOOL" });
      expect(new Set(rows.map((r) => r.dueOn))).toEqual(new Set([due]));
    }
    expect(promotion.classes.some((c: any) => c.name.startsWith("12"))).toBe(false);
  });

  it("keeps 2026/27's 5-A journal whole and readable", async () => {
    expect(await journalOf5A()).toEqual(journalBefore);
  });

  it("keeps a pupil's 2026/27 marks readable to their parent", async () => {
    expect(childGradesBefore.length).toBeGreaterThan(0);
    expect(await childGrades()).toEqual(childGradesBefore);
  });

  it("lets the ministry promote every school not yet promoted, each on its own", async () => {
    const res = await call("demo-ministry", PROMOTE, { fromYear: 2026 });
    expect(res.errors).toBeUndefined();
    const schools = res.data.promoteClasses.map((p: any) => p.school.id);
    expect(schools.length).toBeGreaterThan(0);
    expect(schools).not.toContain(promotion.school.id);
    expect(res.data.promoteClasses.flatMap((p: any) => p.classes.map((c: any) => c.name))).toContain("8-A");
  });

  it("gives 6-A lessons in the first quarter of 2027/28, from the timetable carried over", async () => {
    const sixA = promotion.classes.find((c: any) => c.name === "6-A").id;
    const res = await call("demo-principal", GENERATE_LESSONS, { weekOf: "2027-09-06", classId: sixA });
    expect(res.errors).toBeUndefined();
    const created = res.data.generateLessons.created;
    expect(created.length).toBeGreaterThanOrEqual(20);
    expect(created.every((l: any) => l.date >= "2027-09-06" && l.date <= "2027-09-11" && l.schoolClass.id === sixA)).toBe(true);
    const maths = created.filter((l: any) => l.subject.id === ids.subjects["Matematika"]);
    expect(maths.length).toBeGreaterThan(0);
    expect(new Set(maths.map((l: any) => l.teacher.id))).toEqual(new Set([ids.people["demo-teacher"].id]));
  });

  it("closes 2026/27: neither the teacher nor the principal may change its marks any more", async () => {
    const lesson = await system.orms.journal.em
      .fork()
      .findOneOrFail(
        Lesson,
        { classId: ids.classes["5-A"], subjectId: ids.subjects["Matematika"], date: { $lte: "2027-05-25" } },
        { orderBy: { date: "desc" } },
      );
    const input = { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: studentsOf5A[0], value: 5 }] };
    const before = await system.orms.journal.em.fork().count(Grade, { lessonId: lesson.id });
    for (const login of ["demo-teacher", "demo-principal"] as const) {
      const res = await call(login, RECORD_GRADE_IDS, { input });
      expect(codes(res)).toEqual(["FORBIDDEN"]);
      expect(res.errors![0]!.message).toMatch(/2026\/2027 is closed/);
    }
    expect(await system.orms.journal.em.fork().count(Grade, { lessonId: lesson.id })).toBe(before);
  });
});
