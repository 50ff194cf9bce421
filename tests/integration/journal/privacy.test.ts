/**
 * Straight at the journal subgraph, as the gateway would call it: User.grades / User.attendance and
 * Grade entities release a student's marks only as the policy allows, and batch across users.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttendanceMark, Grade } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { ATTENDANCE_REPORT, CLASS_JOURNAL, GRADE_ENTITIES, STUDENT_ABSENCES, STUDENT_RECORDS } from "../../graphql/journal.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
let w: JournalWorld;

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 12, sizeB: 3 });
});
afterAll(() => h.close());

const users = (...ids: string[]) => ids.map((id) => ({ __typename: "User", id }));
const records = async (who: keyof JournalWorld["as"], ids: string[], vars: object = {}, purpose?: string) =>
  gql(h.url, STUDENT_RECORDS, { r: users(...ids), ...vars }, { token: await h.tokenFor(w.as[who]), purpose });

describe("User.grades and User.attendance", () => {
  it("show a subject teacher only the grades of their own subject", async () => {
    const student = w.studentsA[0]!;
    const res = await records("teacher2", [student]);
    expect(res.errors).toBeUndefined();
    const grades = res.data._entities[0].grades;
    expect(grades).toHaveLength(4);
    expect(new Set(grades.map((g: any) => g.subject.id))).toEqual(new Set([w.mothertongue]));
    // The homeroom teacher sees both subjects.
    const homeroom = await records("teacher", [student]);
    expect(new Set(homeroom.data._entities[0].grades.map((g: any) => g.subject.id))).toEqual(new Set([w.maths, w.mothertongue]));
  });

  it("withhold a student's marks from a district official, whatever the purpose", async () => {
    for (const purpose of [undefined, "ADMINISTRATION", "REPORTING"]) {
      const res = await records("districtOfficial", [w.studentsA[0]!], {}, purpose);
      // A withheld list is null with its error ([] would read as "no marks").
      expect(res.data._entities[0]).toMatchObject({ grades: null, attendance: null });
      expect(res.errors![0]).toMatchObject({
        path: ["_entities", 0, "grades"],
        extensions: { code: "PERSONAL_DATA_WITHHELD", category: "academic" },
      });
      expect(new Set(codes(res))).toEqual(new Set(["PERSONAL_DATA_WITHHELD"]));
    }
  });

  it("show a parent their own child's marks and nothing of another child", async () => {
    const own = await records("parent", [w.studentsA[0]!]);
    expect(own.errors).toBeUndefined();
    expect(own.data._entities[0].grades).toHaveLength(8);
    expect(own.data._entities[0].attendance).toHaveLength(8);
    const other = await records("parent", [w.studentsA[1]!]);
    expect(other.data._entities[0]).toMatchObject({ grades: null, attendance: null });
    expect(new Set(codes(other))).toEqual(new Set(["PERSONAL_DATA_WITHHELD"]));
    expect(other.errors![0]!.extensions!.reason).toBe("NO_RELATIONSHIP");
  });

  it("keep health data to the homeroom teacher, the parent and the student: a subject teacher sees an excused absence", async () => {
    const student = w.studentsA[0]!;
    const em = h.orm.em.fork();
    const mark = await em.findOneOrFail(AttendanceMark, { studentId: student, subjectId: w.mothertongue }, { orderBy: { date: "asc" } });
    mark.status = "ILLNESS";
    mark.reason = "Kasallik varaqasi";
    await em.flush();
    const seen = async (who: keyof JournalWorld["as"]) => {
      const res = await gql(h.url, STUDENT_ABSENCES, { r: users(student) }, { token: await h.tokenFor(w.as[who]) });
      return { res, cell: res.data._entities[0].attendance?.find((a: any) => a.id === mark.id) };
    };
    for (const who of ["teacher", "parent", "student"] as const) {
      const { res, cell } = await seen(who);
      expect(res.errors).toBeUndefined();
      expect(cell).toEqual({ id: mark.id, status: "ILLNESS", reason: "Kasallik varaqasi" });
    }
    // teacher2 teaches this subject in the class but does not lead it.
    const { res, cell } = await seen("teacher2");
    expect(cell).toEqual({ id: mark.id, status: "ABSENT_EXCUSED", reason: null });
    const errors = res.errors!.filter((e: any) => e.path.at(-1) === "reason");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e: any) => e.extensions.code === "PERSONAL_DATA_WITHHELD" && e.extensions.category === "sensitive")).toBe(true);
    expect(JSON.stringify(res.data)).not.toContain("ILLNESS");
  });

  it("never show ILLNESS to an official, another school's teacher, another parent, nor to the school admin outside JOURNAL", async () => {
    const student = w.studentsA[0]!;
    const em = h.orm.em.fork();
    const mark = await em.findOneOrFail(AttendanceMark, { studentId: student, subjectId: w.mothertongue }, { orderBy: { date: "desc" } });
    mark.status = "ILLNESS";
    mark.reason = "Kasallik varaqasi";
    await em.flush();
    const seen = async (who: keyof JournalWorld["as"], purpose?: string) => {
      const res = await gql(h.url, STUDENT_ABSENCES, { r: users(student) }, { token: await h.tokenFor(w.as[who]), purpose });
      return { res, cell: res.data._entities[0].attendance?.find((a: any) => a.id === mark.id) };
    };
    // The school admin for the journal is one of the two the design names; for administration the marks are not theirs.
    expect((await seen("principal", "JOURNAL")).cell).toEqual({ id: mark.id, status: "ILLNESS", reason: "Kasallik varaqasi" });
    for (const [who, purpose] of [
      ["principal", undefined],
      ["principal", "REPORTING"],
      ["districtOfficial", undefined],
      ["districtOfficial", "ADMINISTRATION"],
      ["otherTeacher", undefined],
      ["otherParent", undefined],
      ["teacher2", undefined],
    ] as const) {
      const { res } = await seen(who, purpose);
      expect(JSON.stringify(res.data), `${who} ${purpose ?? ""}`).not.toMatch(/ILLNESS|Kasallik/);
    }
    // The subject teacher's class journal of the lesson's class and subject: the mark is there, generalised.
    const journal = await gql(
      h.url,
      CLASS_JOURNAL,
      { classId: w.classA, subjectId: w.mothertongue, from: w.days[0], to: w.days[w.days.length - 1] },
      { token: await h.tokenFor(w.as.teacher2) },
    );
    expect((journal.errors ?? []).filter((e) => e.extensions?.code !== "PERSONAL_DATA_WITHHELD")).toEqual([]);
    const cells = journal.data.classJournal.rows.flatMap((r: any) => r.attendance ?? []);
    expect(cells.find((a: any) => a.id === mark.id)).toMatchObject({ status: "ABSENT_EXCUSED", reason: null });
    expect(JSON.stringify(journal.data)).not.toMatch(/ILLNESS|Kasallik/);
  });

  it("show students their own marks, filtered by range and subject", async () => {
    const res = await records("student", [w.studentsA[0]!], { from: "2026-11-17", to: "2026-11-18", subjectId: w.maths });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities[0].grades.map((g: any) => g.date)).toEqual(["2026-11-17", "2026-11-18"]);
    expect(res.data._entities[0].attendance).toHaveLength(4);
    const backwards = await records("student", [w.studentsA[0]!], { from: "2026-11-18", to: "2026-11-17" });
    expect(codes(backwards)).toContain("BAD_USER_INPUT");
  });

  it("batch: twelve students cost as many statements as two", async () => {
    const token = await h.tokenFor(w.as.teacher);
    const count = async (ids: string[]): Promise<number> => {
      h.queries.length = 0;
      const res = await gql(h.url, STUDENT_RECORDS, { r: users(...ids), from: "2026-11-01", to: "2026-11-30" }, { token });
      expect(res.errors).toBeUndefined();
      expect(res.data._entities.every((u: any) => u.grades.length === 8)).toBe(true);
      return h.queries.filter((sql) => sql.startsWith("select")).length;
    };
    const two = await count(w.studentsA.slice(0, 2));
    const twelve = await count(w.studentsA);
    console.log(`User.grades+attendance SELECTs: 2 students → ${two}, 12 students → ${twelve}`);
    expect(twelve).toBe(two);
  });
});

describe("_entities for Grade", () => {
  let gradeId: string;
  beforeAll(async () => {
    gradeId = (await h.orm.em.fork().findOneOrFail(Grade, { studentId: w.studentsA[0], subjectId: w.maths }, { orderBy: { date: "asc" } }))
      .id;
  });

  it("needs a token", async () => {
    const res = await gql(h.url, GRADE_ENTITIES, { r: [{ __typename: "Grade", id: gradeId }] });
    expect(res.data ?? null).toBeNull();
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
  });

  it("gives an unrelated parent nothing of the grade", async () => {
    const res = await gql(
      h.url,
      GRADE_ENTITIES,
      { r: [{ __typename: "Grade", id: gradeId }] },
      { token: await h.tokenFor(w.as.otherParent) },
    );
    // Grade.value is non-null, so the withheld grade collapses to null as a whole.
    expect(res.data._entities).toEqual([null]);
    expect(JSON.stringify(res.data)).not.toContain(w.studentsA[0]);
    expect(new Set(codes(res))).toEqual(new Set(["PERSONAL_DATA_WITHHELD"]));
    expect(res.errors!.map((e) => e.extensions?.reason)).toContain("NO_RELATIONSHIP");
  });

  it("gives the student's parent the grade, and a teacher of another subject nothing", async () => {
    const own = await gql(h.url, GRADE_ENTITIES, { r: [{ __typename: "Grade", id: gradeId }] }, { token: await h.tokenFor(w.as.parent) });
    expect(own.errors).toBeUndefined();
    expect(own.data._entities[0]).toMatchObject({ id: gradeId, kind: "CURRENT", student: { id: w.studentsA[0] } });
    const other = await gql(
      h.url,
      GRADE_ENTITIES,
      { r: [{ __typename: "Grade", id: gradeId }] },
      { token: await h.tokenFor(w.as.teacher2) },
    );
    expect(other.data._entities).toEqual([null]);
    expect(codes(other)).toContain("PERSONAL_DATA_WITHHELD");
  });
});

describe("reports, straight at the subgraph", () => {
  const report = async (who: keyof JournalWorld["as"], scope: object, purpose = "REPORTING") =>
    gql(
      h.url,
      ATTENDANCE_REPORT,
      { scope, groupBy: "CLASS", from: "2026-11-01", to: "2026-11-30" },
      { token: await h.tokenFor(w.as[who]), purpose },
    );

  it("give the district official figures of their school's classes, the small class suppressed, and no names", async () => {
    const res = await report("districtOfficial", { schoolId: w.schoolId });
    expect(res.errors).toBeUndefined();
    const absences = await h.orm.em
      .fork()
      .count(AttendanceMark, { classId: w.classA, status: { $in: ["ABSENT_UNEXCUSED", "ABSENT_EXCUSED", "ILLNESS"] } });
    const lessons = w.lessonsA.length - 1 + (w.lessonsAMother.length - 1); // the last day's lessons have no attendance
    const rows = res.data.attendanceReport;
    expect(rows).toHaveLength(2);
    expect(rows.find((r: any) => r.unitId === w.classA)).toEqual({
      unitId: w.classA,
      unitKind: "CLASS",
      students: 12, // the student who left in October is not counted
      lessons,
      absences,
      absenceRate: absences / (12 * lessons),
      suppressed: false,
    });
    expect(rows.find((r: any) => r.unitId === w.classB)).toMatchObject({
      students: null,
      absences: null,
      absenceRate: null,
      suppressed: true,
    });
  });

  it("refuse a teacher, the official of another district's school, and another purpose", async () => {
    expect(codes(await report("teacher", { schoolId: w.schoolId }, "JOURNAL"))).toEqual(["FORBIDDEN"]);
    expect(codes(await report("districtOfficial", { schoolId: w.otherSchoolId }))).toEqual(["FORBIDDEN"]);
    expect(codes(await report("districtOfficial", { classId: w.classC }))).toEqual(["FORBIDDEN"]);
    expect(codes(await report("districtOfficial", { schoolId: w.schoolId }, "ADMINISTRATION"))).toEqual(["FORBIDDEN"]);
  });
});
