/**
 * Setting up a school through the gateway (DESIGN.md §7): schools, classes, the subject catalogue, staff,
 * enrolment, moves and teaching assignments, each refused for the wrong role, school or district; the
 * replicas of users and the journal follow through the outbox; and a transfer between two schools keeps
 * the marks where they were given: the old class journal shows the leaver's rows up to the leaving day,
 * the old school's administration still sees them, the new school's teacher sees only what came after,
 * and the parent sees both.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { School, SchoolClass } from "../../subgraphs/institutions/entities/index.js";
import { ClassPlace, Grade, Lesson, RosterEntry, TeachingReplica } from "../../subgraphs/journal/entities/index.js";
import { Placement } from "../../subgraphs/users/entities/index.js";
import { tashkentDay } from "../../shared/days.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

let system: TestSystem;
let ids: DemoIds;
let url: string;
let year: number;
const as = async (login: string) => ({ token: await signIn(url, login) });

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  url = system.gatewayUrl;
  year = (await system.orms.institutions.em.fork().findOneOrFail(SchoolClass, { id: ids.classes["5-A"]! })).academicYear;
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

/** Lets every outbox deliver, so the replicas have caught up. */
async function settle(): Promise<void> {
  for (const relay of Object.values(system.relays)) await relay.drain();
}

const CHILONZOR = () => ids.schools["Chilonzor 1-maktab"]!;
const YUNUSOBOD = () => ids.schools["Yunusobod 2-maktab"]!;

describe("schools, classes, subjects, staff, enrolment and teaching", () => {
  it("lets an official open a school only in their territory and names its first administrator", async () => {
    const em = system.orms.institutions.em.fork();
    const chilonzor = await em.findOneOrFail(SchoolClass, { id: ids.classes["5-A"]! });
    const districtId = (
      await gql(url, "query($id: ID!) { school(id: $id) { district { id } } }", { id: chilonzor.schoolId }, await as("demo-district"))
    ).data.school.district.id as string;
    const adminUserId = randomUUID();
    const input = { districtId, name: "Chilonzor 300-maktab", adminUserId, startsOn: `${year}-09-02` };

    for (const login of ["demo-district-other", "demo-principal", "demo-teacher", "demo-parent"]) {
      expect(codes(await gql(url, doc("create-school"), { input }, await as(login))), login).toEqual(["FORBIDDEN"]);
    }
    const created = await gql(url, doc("create-school"), { input }, await as("demo-district"));
    expect(created.errors).toBeUndefined();
    expect(created.data.createSchool).toMatchObject({ name: "Chilonzor 300-maktab", district: { id: districtId } });
    expect(codes(await gql(url, doc("create-school"), { input }, await as("demo-region")))).toEqual(["BAD_USER_INPUT"]);

    await settle();
    const placement = await system.orms.users.em.fork().findOne(Placement, { userId: adminUserId, kind: "MEMBERSHIP" });
    expect(placement).toMatchObject({ role: "SCHOOL_ADMIN", schoolId: created.data.createSchool.id, districtId });
  });

  it("creates classes with derived names, refusing duplicates, bad grades and other schools", async () => {
    const principal = await as("demo-principal");
    const input = { schoolId: CHILONZOR(), academicYear: year, gradeLevel: 6, letter: "d" };
    const created = await gql(url, doc("create-class"), { input }, principal);
    expect(created.errors).toBeUndefined();
    expect(created.data.createClass).toMatchObject({ name: "6-D", gradeLevel: 6 });
    expect(codes(await gql(url, doc("create-class"), { input }, principal))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(url, doc("create-class"), { input: { ...input, gradeLevel: 12, letter: "E" } }, principal))).toEqual([
      "BAD_USER_INPUT",
    ]);
    for (const login of ["demo-teacher", "demo-district", "demo-parent"]) {
      expect(codes(await gql(url, doc("create-class"), { input: { ...input, letter: "F" } }, await as(login))), login).toEqual([
        "FORBIDDEN",
      ]);
    }
    expect(codes(await gql(url, doc("create-class"), { input: { ...input, schoolId: YUNUSOBOD() } }, principal))).toEqual(["FORBIDDEN"]);

    await settle();
    const place = await system.orms.journal.em.fork().findOne(ClassPlace, { classId: created.data.createClass.id });
    expect(place).toMatchObject({ schoolId: CHILONZOR(), gradeLevel: 6 });
  });

  it("keeps the catalogue with the ministry and lets a school choose from it", async () => {
    const added = await gql(url, doc("add-catalogue-subject"), { input: { name: "Robototexnika" } }, await as("demo-ministry"));
    expect(added.errors).toBeUndefined();
    for (const login of ["demo-principal", "demo-district", "demo-teacher"]) {
      expect(codes(await gql(url, doc("add-catalogue-subject"), { input: { name: "Boshqa" } }, await as(login))), login).toEqual([
        "FORBIDDEN",
      ]);
    }
    const subjectIds = [added.data.addCatalogueSubject.id];
    const chosen = await gql(url, doc("choose-school-subjects"), { schoolId: CHILONZOR(), subjectIds }, await as("demo-principal"));
    expect(chosen.data.chooseSchoolSubjects.map((s: { name: string }) => s.name)).toContain("Robototexnika");
    expect(codes(await gql(url, doc("choose-school-subjects"), { schoolId: YUNUSOBOD(), subjectIds }, await as("demo-principal")))).toEqual(
      ["FORBIDDEN"],
    );
  });

  it("adds staff, lists them with positions to the school, and assigns teachers only of that school", async () => {
    const principal = await as("demo-principal");
    const teacherId = randomUUID();
    const input = { schoolId: CHILONZOR(), userId: teacherId, position: "TEACHER", startsOn: `${year}-09-02` };
    expect(codes(await gql(url, doc("add-staff-member"), { input }, await as("demo-teacher")))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(url, doc("add-staff-member"), { input: { ...input, schoolId: YUNUSOBOD() } }, principal))).toEqual([
      "FORBIDDEN",
    ]);
    const added = await gql(url, doc("add-staff-member"), { input }, principal);
    expect(added.data.addStaffMember).toMatchObject({ user: { id: teacherId }, position: "TEACHER" });

    const staff = await gql(url, doc("school-staff"), { id: CHILONZOR() }, principal);
    const positions = new Map(staff.data.school.staff.map((m: { user: { id: string }; position: string }) => [m.user.id, m.position]));
    expect(positions.get(teacherId)).toBe("TEACHER");
    expect(positions.get(ids.people["demo-principal"].id)).toBe("SCHOOL_ADMIN");
    // A parent has no business with the staff list; another district's official neither.
    expect(codes(await gql(url, doc("school-staff"), { id: CHILONZOR() }, await as("demo-parent")))).toContain("PERSONAL_DATA_WITHHELD");
    expect(
      codes(await gql(url, doc("school-staff"), { id: CHILONZOR() }, { ...(await as("demo-district-other")), purpose: "ADMINISTRATION" })),
    ).toContain("PERSONAL_DATA_WITHHELD");

    const classId = (
      await gql(url, doc("create-class"), { input: { schoolId: CHILONZOR(), academicYear: year, gradeLevel: 7, letter: "G" } }, principal)
    ).data.createClass.id;
    const assign = { teacherId, classId, subjectId: ids.subjects["Matematika"]!, startsOn: `${year}-09-02` };
    const assigned = await gql(url, doc("assign-teacher"), { input: assign }, principal);
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data.assignTeacher).toMatchObject({ teacher: { id: teacherId }, startsOn: `${year}-09-02`, endsOn: null });
    // A teacher of another school, dates outside the school year, someone else's class, the wrong role.
    const other = ids.people["demo-teacher-other"].id;
    expect(codes(await gql(url, doc("assign-teacher"), { input: { ...assign, teacherId: other } }, principal))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(url, doc("assign-teacher"), { input: { ...assign, startsOn: `${year + 1}-09-02` } }, principal))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codes(await gql(url, doc("assign-teacher"), { input: { ...assign, classId: ids.classes["7-A"] } }, principal))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await gql(url, doc("assign-teacher"), { input: assign }, await as("demo-teacher")))).toEqual(["FORBIDDEN"]);

    const homeroom = await gql(url, doc("set-homeroom-teacher"), { classId, teacherId }, principal);
    expect(homeroom.data.setHomeroomTeacher.homeroomTeacher).toEqual({ id: teacherId });
    expect(codes(await gql(url, doc("set-homeroom-teacher"), { classId: ids.classes["7-A"], teacherId }, principal))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await gql(url, doc("set-homeroom-teacher"), { classId, teacherId: other }, principal))).toEqual(["BAD_USER_INPUT"]);

    await settle();
    const replica = await system.orms.journal.em.fork().findOne(TeachingReplica, { teacherId, classId });
    expect(replica).toMatchObject({ startsOn: `${year}-09-02`, endsOn: null });
    expect(await system.orms.journal.em.fork().findOne(ClassPlace, { classId })).toMatchObject({ homeroomTeacherId: teacherId });
    const kinds = (await system.orms.users.em.fork().find(Placement, { userId: teacherId })).map((p) => p.kind).sort();
    expect(kinds).toEqual(["HOMEROOM", "MEMBERSHIP", "TEACHING"]);
  });

  it("enrols a student in one class at a time and moves them inside the school", async () => {
    const principal = await as("demo-principal");
    const make = async (letter: string) =>
      (await gql(url, doc("create-class"), { input: { schoolId: CHILONZOR(), academicYear: year, gradeLevel: 2, letter } }, principal)).data
        .createClass.id as string;
    const [first, second] = [await make("A"), await make("B")];
    const studentId = randomUUID();
    const input = { classId: first, studentId, startsOn: `${year}-09-02` };
    expect(codes(await gql(url, doc("enrol-student"), { input }, await as("demo-teacher")))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(url, doc("enrol-student"), { input: { ...input, startsOn: `${year - 1}-09-02` } }, principal))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const enrolled = await gql(url, doc("enrol-student"), { input }, principal);
    expect(enrolled.data.enrolStudent).toMatchObject({ student: { id: studentId }, schoolClass: { name: "2-A" } });
    // Two classes at once: refused, for a new student and for one of the demo world alike.
    expect(codes(await gql(url, doc("enrol-student"), { input: { ...input, classId: second } }, principal))).toEqual(["BAD_USER_INPUT"]);
    const demoStudent = ids.people["demo-student"].id;
    expect(
      codes(
        await gql(url, doc("enrol-student"), { input: { classId: second, studentId: demoStudent, startsOn: `${year}-09-10` } }, principal),
      ),
    ).toEqual(["BAD_USER_INPUT"]);

    const on = `${year}-10-01`;
    expect(codes(await gql(url, doc("move-student"), { studentId, toClassId: ids.classes["7-A"], on }, principal))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(url, doc("move-student"), { studentId, toClassId: second, on }, await as("demo-district")))).toEqual([
      "FORBIDDEN",
    ]);
    const moved = await gql(url, doc("move-student"), { studentId, toClassId: second, on }, principal);
    expect(moved.data.moveStudent).toMatchObject({ schoolClass: { id: second }, startsOn: on });

    await settle();
    const roster = await system.orms.journal.em.fork().find(RosterEntry, { studentId }, { orderBy: { startsOn: "asc" } });
    expect(roster.map((r) => [r.classId, r.startsOn, r.endsOn ?? null])).toEqual([
      [first, `${year}-09-02`, on],
      [second, on, null],
    ]);
  });
});

describe("every setup operation refused for the wrong role, school or district", () => {
  it("answers FORBIDDEN and writes nothing", async () => {
    const other = randomUUID();
    const chilonzorDistrict = (await system.orms.institutions.em.fork().findOneOrFail(School, { id: CHILONZOR() })).districtId;
    const mine = { schoolId: CHILONZOR(), academicYear: year, gradeLevel: 3, letter: "Z" };
    const theirs = { ...mine, schoolId: YUNUSOBOD() };
    const startsOn = `${year}-09-02`;
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ["demo-teacher", "create-class", { input: mine }],
      ["demo-principal", "create-class", { input: theirs }],
      ["demo-teacher", "choose-school-subjects", { schoolId: CHILONZOR(), subjectIds: [ids.subjects["Matematika"]] }],
      ["demo-district", "choose-school-subjects", { schoolId: CHILONZOR(), subjectIds: [ids.subjects["Matematika"]] }],
      ["demo-principal", "add-staff-member", { input: { schoolId: YUNUSOBOD(), userId: other, position: "TEACHER", startsOn } }],
      ["demo-district", "add-staff-member", { input: { schoolId: CHILONZOR(), userId: other, position: "TEACHER", startsOn } }],
      ["demo-principal", "enrol-student", { input: { classId: ids.classes["7-A"], studentId: other, startsOn } }],
      ["demo-parent", "enrol-student", { input: { classId: ids.classes["5-A"], studentId: other, startsOn } }],
      ["demo-principal", "move-student", { studentId: ids.people["demo-student"].id, toClassId: ids.classes["7-A"], on: `${year}-10-01` }],
      ["demo-principal", "transfer-student", { studentId: other, toClassId: ids.classes["5-A"], on: `${year}-10-01` }],
      [
        "demo-teacher-other",
        "transfer-student",
        { studentId: ids.people["demo-student"].id, toClassId: ids.classes["7-A"], on: `${year}-10-01` },
      ],
      [
        "demo-principal",
        "assign-teacher",
        {
          input: {
            teacherId: ids.people["demo-teacher-other"].id,
            classId: ids.classes["7-A"],
            subjectId: ids.subjects["Matematika"],
            startsOn,
          },
        },
      ],
      ["demo-principal", "set-homeroom-teacher", { classId: ids.classes["7-A"], teacherId: ids.people["demo-teacher-other"].id }],
      ["demo-ministry", "set-homeroom-teacher", { classId: ids.classes["5-A"], teacherId: ids.people["demo-teacher"].id }],
      ["demo-principal", "add-catalogue-subject", { input: { name: "Astronomiya" } }],
      ["demo-district-other", "create-school", { input: { districtId: chilonzorDistrict, name: "X", adminUserId: other } }],
    ];
    const before = await system.orms.institutions.em.fork().count(SchoolClass, {});
    for (const [login, operation, variables] of cases) {
      const answer = await gql(url, doc(operation), variables, await as(login));
      // An unknown student at someone else's school is as good as not there: NOT_FOUND is no leak either.
      expect(codes(answer), `${login} ${operation}`).toEqual(
        operation === "transfer-student" && login === "demo-principal" ? ["NOT_FOUND"] : ["FORBIDDEN"],
      );
    }
    expect(await system.orms.institutions.em.fork().count(SchoolClass, {})).toBe(before);
  });
});

describe("a transfer between two schools", () => {
  it("keeps the old rows with the old school and shows the new school only what came after", async () => {
    const journal = system.orms.journal.em.fork();
    const studentId = ids.people["demo-student-2"].id;
    const math = ids.subjects["Matematika"]!;
    const today = tashkentDay();
    // The transfer day: the latest Matematika lesson of 7-A not after today, so the new teacher can mark it.
    const target = await journal.findOneOrFail(
      Lesson,
      { classId: ids.classes["7-A"]!, subjectId: math, date: { $lte: today, $gt: `${year}-09-15` } },
      { orderBy: { date: "desc" } },
    );
    const on = target.date;
    const before = await journal.find(Grade, { studentId, classId: ids.classes["5-B"]!, subjectId: math, date: { $lt: on } });
    expect(before.length).toBeGreaterThan(0);

    // Only the school the student is at may transfer them.
    const args = { studentId, toClassId: ids.classes["7-A"], on };
    for (const login of ["demo-teacher", "demo-district", "demo-parent-other"]) {
      expect(codes(await gql(url, doc("transfer-student"), args, await as(login))), login).toEqual(["FORBIDDEN"]);
    }
    const moved = await gql(url, doc("transfer-student"), args, await as("demo-principal"));
    expect(moved.errors).toBeUndefined();
    expect(moved.data.transferStudent).toMatchObject({
      schoolClass: { id: ids.classes["7-A"], school: { id: YUNUSOBOD() } },
      startsOn: on,
    });
    await settle();

    // The new school's teacher (signing in after the transfer) marks the student on the day they arrived.
    const newTeacher = { token: await signIn(url, "demo-teacher-other", "demo-password") };
    const marked = await gql(
      url,
      doc("record-grades"),
      { input: { lessonId: target.id, kind: "CURRENT", entries: [{ studentId, value: 5 }] } },
      newTeacher,
    );
    expect(marked.errors).toBeUndefined();
    const seenByNew = await gql(url, doc("user-grades"), { id: studentId }, newTeacher);
    const atNewSchool = await journal.find(Grade, { studentId, classId: ids.classes["7-A"]! });
    expect(atNewSchool.length).toBeGreaterThan(0);
    expect(atNewSchool.every((g) => g.date >= on)).toBe(true);
    // Only those: none of the marks of 5-B before the transfer.
    expect(seenByNew.data.user.grades.length).toBe(atNewSchool.length);

    // The old class journal keeps the leaver's row with the marks before the leaving day, for the old
    // administration and the old teacher alike; the marks dated from the leaving day on belong to the new school.
    const range = { classId: ids.classes["5-B"], subjectId: math, from: `${year}-09-01`, to: today };
    for (const login of ["demo-principal", "demo-teacher"]) {
      const page = await gql(url, doc("class-journal"), range, { ...(await as(login)), purpose: "JOURNAL" });
      expect(page.errors, login).toBeUndefined();
      const row = page.data.classJournal.rows.find((r: { student: { id: string } }) => r.student.id === studentId);
      expect(row, login).toBeTruthy();
      expect(row.grades.length, login).toBe(before.length);
      expect(
        row.grades.every((g: { date: string }) => g.date < on),
        login,
      ).toBe(true);
      expect(row.student.fullName, login).toBeTruthy();
    }

    // The old administration still reaches the pupil (no FORBIDDEN) and sees the marks of their time there.
    const oldAdmin = await gql(url, doc("user-grades"), { id: studentId }, { ...(await as("demo-principal")), purpose: "JOURNAL" });
    expect(oldAdmin.errors ?? []).toEqual([]);
    expect(oldAdmin.data.user.grades.length).toBe(await journal.count(Grade, { studentId, date: { $lt: on } }));

    // The parent sees both schools' marks.
    const parent = await gql(url, doc("user-grades"), { id: studentId }, await as("demo-parent-other"));
    expect(parent.data.user.grades.length).toBe(await journal.count(Grade, { studentId }));
  });
});
