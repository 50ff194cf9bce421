/**
 * The demo world of RUNTIME.md, seeded into four in-memory SQLite databases, checked fact by fact;
 * plus the large world's determinism and the all-or-nothing write.
 */
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../shared/db/database.js";
import { latinToCyrillic } from "../../shared/i18n/translit.js";
import {
  District,
  Enrolment,
  institutionsEntities,
  Region,
  School,
  SchoolClass,
  StaffMembership,
  Subject,
  TeachingAssignment,
} from "../../subgraphs/institutions/entities/index.js";
import {
  AttendanceMark,
  ClassPlace,
  Grade,
  journalEntities,
  Lesson,
  RosterEntry,
  TeachingReplica,
} from "../../subgraphs/journal/entities/index.js";
import { Guardian, GuardianLink, StudentName, notificationsEntities } from "../../subgraphs/notifications/entities/index.js";
import { Consent, Guardianship, PasswordCredential, Placement, User, usersEntities } from "../../subgraphs/users/entities/index.js";
import { verifyPassword } from "../../subgraphs/users/sign-in/password.js";
import { isEmpty, seedDemo, seedLarge, type SeedTargets } from "../../scripts/seed/index.js";

const TODAY = "2026-11-23"; // a Monday in the second quarter (2026-11-09 … 2026-12-26)
const PASSWORD = "test-demo-password";

async function openTargets(): Promise<SeedTargets> {
  return {
    users: await openDatabase({ name: "users", entities: usersEntities, url: ":memory:" }),
    institutions: await openDatabase({ name: "institutions", entities: institutionsEntities, url: ":memory:" }),
    journal: await openDatabase({ name: "journal", entities: journalEntities, url: ":memory:" }),
    notifications: await openDatabase({ name: "notifications", entities: notificationsEntities, url: ":memory:" }),
  };
}

const closeTargets = async (targets: SeedTargets) => {
  for (const orm of Object.values(targets) as MikroORM[]) await orm.close();
};

describe("demo world", () => {
  let targets: SeedTargets;
  const users = () => targets.users.em.fork();
  const inst = () => targets.institutions.em.fork();
  const journal = () => targets.journal.em.fork();
  let byLogin: Map<string, User>;
  let classByName: Map<string, SchoolClass>;
  let subjectByName: Map<string, Subject>;

  beforeAll(async () => {
    targets = await openTargets();
    expect(await isEmpty(targets)).toBe(true);
    await seedDemo(targets, { password: PASSWORD, today: TODAY });
    byLogin = new Map((await users().find(User, {})).map((u) => [u.login, u]));
    classByName = new Map((await inst().find(SchoolClass, {})).map((c) => [c.name, c]));
    subjectByName = new Map((await inst().find(Subject, {})).map((s) => [s.nameLatn, s]));
  });
  afterAll(() => closeTargets(targets));

  const user = (login: string) => {
    const found = byLogin.get(login);
    if (!found) throw new Error(`no user ${login}`);
    return found;
  };

  // How fast it is written is measured by the seed command and the benchmarks, not asserted here.
  it("leaves the databases non-empty", async () => {
    expect(await isEmpty(targets)).toBe(false);
  });

  it("has the 13 demo accounts with their roles, each with its own password hash", async () => {
    const expected = {
      "demo-ministry": "MINISTRY_OFFICIAL",
      "demo-region": "REGION_OFFICIAL",
      "demo-district": "DISTRICT_OFFICIAL",
      "demo-district-other": "DISTRICT_OFFICIAL",
      "demo-principal": "SCHOOL_ADMIN",
      "demo-teacher": "TEACHER",
      "demo-teacher-2": "TEACHER",
      "demo-teacher-other": "TEACHER",
      "demo-student": "STUDENT",
      "demo-student-2": "STUDENT",
      "demo-parent": "PARENT",
      "demo-parent-other": "PARENT",
      "demo-dpo": "DATA_PROTECTION_OFFICER",
    };
    for (const [login, role] of Object.entries(expected)) expect(user(login).role, login).toBe(role);
    const credentials = await users().find(PasswordCredential, {});
    expect(credentials.map((c) => c.userId).sort()).toEqual(
      Object.keys(expected)
        .map((l) => user(l).id)
        .sort(),
    );
    expect(new Set(credentials.map((c) => c.hash)).size).toBe(13);
    const teacherHash = credentials.find((c) => c.userId === user("demo-teacher").id)!.hash;
    expect(await verifyPassword(PASSWORD, teacherHash)).toBe(true);
    expect(await verifyPassword("wrong", teacherHash)).toBe(false);
  });

  it("has the 14 regions and Tashkent's 12 districts, and the two schools where RUNTIME.md puts them", async () => {
    const regions = await inst().find(Region, {});
    expect(regions).toHaveLength(14);
    const tashkent = regions.find((r) => r.soato === "1726")!;
    expect([tashkent.nameLatn, tashkent.nameCyrl, tashkent.nameRu]).toEqual(["Toshkent shahri", "Тошкент шаҳри", "город Ташкент"]);
    const districts = await inst().find(District, { regionId: tashkent.id });
    expect(districts).toHaveLength(12);
    const district = (name: string) => districts.find((d) => d.nameLatn === name)!;
    const schools = await inst().find(School, {});
    expect(schools.map((s) => s.nameLatn).sort()).toEqual(["Chilonzor 1-maktab", "Yunusobod 2-maktab"]);
    expect(schools.find((s) => s.nameLatn === "Chilonzor 1-maktab")!.districtId).toBe(district("Chilonzor tumani").id);
    expect(schools.find((s) => s.nameLatn === "Yunusobod 2-maktab")!.districtId).toBe(district("Yunusobod tumani").id);

    const membership = async (login: string) => inst().findOneOrFail(StaffMembership, { userId: user(login).id });
    const chilonzor = schools.find((s) => s.nameLatn === "Chilonzor 1-maktab")!;
    expect(await membership("demo-ministry")).toMatchObject({
      role: "MINISTRY_OFFICIAL",
      schoolId: null,
      districtId: null,
      regionId: null,
    });
    expect(await membership("demo-dpo")).toMatchObject({
      role: "DATA_PROTECTION_OFFICER",
      schoolId: null,
      districtId: null,
      regionId: null,
    });
    expect(await membership("demo-region")).toMatchObject({ schoolId: null, districtId: null, regionId: tashkent.id });
    expect(await membership("demo-district")).toMatchObject({
      schoolId: null,
      districtId: district("Chilonzor tumani").id,
      regionId: tashkent.id,
    });
    expect(await membership("demo-district-other")).toMatchObject({ districtId: district("Yunusobod tumani").id });
    expect(await membership("demo-principal")).toMatchObject({ role: "SCHOOL_ADMIN", schoolId: chilonzor.id });
  });

  it("has 5-A, 5-B and 7-A with at least 25 students and 11-V with exactly 3", async () => {
    const size = async (name: string) => inst().count(Enrolment, { classId: classByName.get(name)!.id });
    expect(await size("5-A")).toBeGreaterThanOrEqual(25);
    expect(await size("5-B")).toBeGreaterThanOrEqual(25);
    expect(await size("7-A")).toBeGreaterThanOrEqual(25);
    expect(await size("11-V")).toBe(3);
    const enrolment = async (login: string) => inst().findOneOrFail(Enrolment, { studentId: user(login).id });
    expect((await enrolment("demo-student")).classId).toBe(classByName.get("5-A")!.id);
    expect((await enrolment("demo-student-2")).classId).toBe(classByName.get("5-B")!.id);
  });

  it("gives the demo teachers exactly the classes and subjects of RUNTIME.md", async () => {
    const taught = async (login: string) =>
      (await inst().find(TeachingAssignment, { teacherId: user(login).id }))
        .map(
          (a) =>
            `${[...subjectByName.values()].find((s) => s.id === a.subjectId)!.nameLatn} ${[...classByName.values()].find((c) => c.id === a.classId)!.name}`,
        )
        .sort();
    expect(await taught("demo-teacher")).toEqual(["Matematika 5-A", "Matematika 5-B"]);
    expect(await taught("demo-teacher-2")).toEqual(["Ona tili 5-B"]);
    expect(await taught("demo-teacher-other")).toEqual(["Matematika 7-A"]);
    const homerooms = (
      await inst().find(SchoolClass, {
        homeroomTeacherId: { $in: [...byLogin.values()].filter((u) => u.login.startsWith("demo-")).map((u) => u.id) },
      })
    ).map((c) => c.name);
    expect(homerooms).toEqual(["5-A"]);
    expect(classByName.get("5-A")!.homeroomTeacherId).toBe(user("demo-teacher").id);
    // Other subjects of 5-A (Ona tili among them) are taught by generated teachers of the same school.
    const ofFiveA = await inst().find(TeachingAssignment, { classId: classByName.get("5-A")!.id });
    expect(ofFiveA.length).toBeGreaterThan(5);
    expect(ofFiveA.find((a) => a.subjectId === subjectByName.get("Ona tili")!.id)!.teacherId).not.toBe(user("demo-teacher-2").id);
    const chilonzorStaff = new Set(
      (await inst().find(StaffMembership, { schoolId: classByName.get("5-A")!.schoolId })).map((m) => m.userId),
    );
    for (const a of ofFiveA) expect(chilonzorStaff.has(a.teacherId)).toBe(true);
    for (const cls of classByName.values()) expect(cls.homeroomTeacherId, cls.name).toBeTruthy();
  });

  it("links the demo parents to the demo students, and every student to a guardian", async () => {
    const guardianships = await users().find(Guardianship, {});
    const parentsOf = (login: string) => guardianships.filter((g) => g.studentId === user(login).id).map((g) => g.parentId);
    expect(parentsOf("demo-student")).toContain(user("demo-parent").id);
    expect(parentsOf("demo-student-2")).toContain(user("demo-parent-other").id);
    expect(guardianships.filter((g) => g.parentId === user("demo-parent").id).map((g) => g.studentId)).toEqual([user("demo-student").id]);
    expect(user("demo-parent").locale).toBe("UZ_LATN");
    const students = [...byLogin.values()].filter((u) => u.role === "STUDENT");
    for (const s of students) expect(parentsOf(s.login).length, s.login).toBeGreaterThan(0);
    const locales = new Set([...byLogin.values()].filter((u) => u.role === "PARENT").map((u) => u.locale));
    expect(locales).toEqual(new Set(["UZ_LATN", "UZ_CYRL", "RU"]));
  });

  it("gives every student a birth date, a PINFL and a phone or a guardian's phone, and every parent a phone", async () => {
    const all = [...byLogin.values()];
    const guardianships = await users().find(Guardianship, {});
    const students = all.filter((u) => u.role === "STUDENT");
    const parents = all.filter((u) => u.role === "PARENT");
    expect(students).toHaveLength(28 * 3 + 3);
    const gradeOf = new Map<string, number>();
    for (const e of await inst().find(Enrolment, {}))
      gradeOf.set(e.studentId, [...classByName.values()].find((c) => c.id === e.classId)!.gradeLevel);
    for (const s of students) {
      // Of the age for the grade: a 5th-grader of 2026/2027 was born from September 2014 to August 2015.
      const firstDay = `${2026 - gradeOf.get(s.id)! - 7}-09-01`;
      expect(s.birthDate! >= firstDay && s.birthDate! < `${2026 - gradeOf.get(s.id)! - 6}-09-01`, `${s.login} ${s.birthDate}`).toBe(true);
      expect(s.gender).toMatch(/^[MF]$/);
      expect(s.address).toBeTruthy();
      const guardianPhones = guardianships
        .filter((g) => g.studentId === s.id)
        .map((g) => byLogin.get(all.find((u) => u.id === g.parentId)!.login)!.phone);
      expect(s.phone ?? guardianPhones.find(Boolean), s.login).toMatch(/^\+998\d{9}$/);
    }
    for (const p of parents) expect(p.phone, p.login).toMatch(/^\+998\d{9}$/);
    for (const u of all) {
      expect(u.pinfl, u.login).toMatch(/^\d{14}$/);
      expect(u.fullName).toMatch(/^[A-Za-z‘’ʼ' -]+$/);
      expect(u.fullNameCyrl).toBe(latinToCyrillic(u.fullName!));
    }
    expect(new Set(all.map((u) => u.pinfl)).size).toBe(all.length);
    for (const staff of all.filter((u) => ["TEACHER", "SCHOOL_ADMIN", "DISTRICT_OFFICIAL"].includes(u.role))) {
      expect(staff.email && staff.phone && staff.pinfl, staff.login).toBeTruthy();
    }
  });

  it("has lessons of the current quarter for every class and timetabled subject, with marks and attendance on past ones", async () => {
    const lessons = await journal().find(Lesson, {});
    const assignments = await inst().find(TeachingAssignment, {});
    for (const a of assignments) {
      const own = lessons.filter((l) => l.classId === a.classId && l.subjectId === a.subjectId);
      expect(own.length, `${a.classId} ${a.subjectId}`).toBeGreaterThan(0);
      for (const l of own) expect(l.teacherId).toBe(a.teacherId);
    }
    expect(lessons.every((l) => l.date >= "2026-11-09" && l.date <= "2026-12-26" && l.period >= 1 && l.period <= 6 && !!l.topic)).toBe(
      true,
    );
    expect(lessons.some((l) => l.homework)).toBe(true);

    const past = lessons.filter((l) => l.date < TODAY);
    expect(past.length).toBeGreaterThan(100);
    const marks = await journal().find(AttendanceMark, {});
    const rosterSize = new Map<string, number>();
    for (const e of await inst().find(Enrolment, {})) rosterSize.set(e.classId, (rosterSize.get(e.classId) ?? 0) + 1);
    const marksPerLesson = new Map<string, number>();
    for (const m of marks) marksPerLesson.set(m.lessonId, (marksPerLesson.get(m.lessonId) ?? 0) + 1);
    for (const l of past) expect(marksPerLesson.get(l.id)).toBe(rosterSize.get(l.classId));
    expect(marks.every((m) => m.date < TODAY)).toBe(true);

    const grades = await journal().find(Grade, {});
    const pastIds = new Set(past.map((l) => l.id));
    expect(grades.length).toBeGreaterThan(past.length);
    expect(grades.every((g) => g.kind === "CURRENT" && g.value >= 1 && g.value <= 5 && pastIds.has(g.lessonId!))).toBe(true);
    const lessonById = new Map(lessons.map((l) => [l.id, l]));
    for (const g of grades) {
      expect(g.recordedById).toBe(lessonById.get(g.lessonId!)!.teacherId);
      // Recorded on the lesson day, Tashkent time (UTC+5).
      expect(new Date(g.recordedAt.getTime() + 5 * 3_600_000).toISOString().slice(0, 10)).toBe(g.date);
    }
    const late = grades.filter((g) => new Date(g.recordedAt.getTime() + 5 * 3_600_000).getUTCHours() >= 21).length;
    expect(late).toBeGreaterThan(0);
    expect(late / grades.length).toBeLessThan(0.15);
    const values = new Set(grades.map((g) => g.value));
    expect([2, 3, 4, 5].every((v) => values.has(v))).toBe(true);
  });

  it("shows absences of demo-student of every kind", async () => {
    const marks = await journal().find(AttendanceMark, { studentId: user("demo-student").id, status: { $ne: "PRESENT" } });
    const statuses = new Set(marks.map((m) => m.status));
    expect(statuses).toEqual(new Set(["ABSENT_UNEXCUSED", "ILLNESS", "LATE", "ABSENT_EXCUSED"]));
    for (const m of marks.filter((x) => x.status === "ABSENT_EXCUSED")) expect(m.reason).toBeTruthy();
  });

  it("records everyone's consents: agreement and policy for each person (a minor's given by a guardian), notices for parents", async () => {
    const consents = await users().find(Consent, {});
    const guardianships = await users().find(Guardianship, {}, { orderBy: { createdAt: "asc" } });
    const people = [...byLogin.values()];
    expect(consents.every((c) => c.version === "2026-09" && !c.withdrawnAt && c.inForceKey === `${c.subjectId}:${c.kind}`)).toBe(true);
    const kindsOf = (id: string) =>
      consents
        .filter((c) => c.subjectId === id)
        .map((c) => c.kind)
        .sort();
    for (const person of people) {
      const expected =
        person.role === "PARENT" ? ["PARENT_NOTIFICATIONS", "PRIVACY_POLICY", "USER_AGREEMENT"] : ["PRIVACY_POLICY", "USER_AGREEMENT"];
      expect(kindsOf(person.id), person.login).toEqual(expected);
    }
    expect(consents).toHaveLength(people.length * 2 + people.filter((u) => u.role === "PARENT").length);

    // demo-student (5-A) is a minor: demo-parent, the first guardian on record, consented for him.
    const ofDemoStudent = consents.filter((c) => c.subjectId === user("demo-student").id);
    expect(ofDemoStudent.map((c) => [c.givenByRelation, c.givenById])).toEqual([
      ["GUARDIAN", user("demo-parent").id],
      ["GUARDIAN", user("demo-parent").id],
    ]);
    // A student of 18 (in 11-V, depending on the day) consented themself; every other one through a guardian.
    const students = people.filter((u) => u.role === "STUDENT");
    for (const s of students) {
      const adult = s.birthDate! <= `${Number(TODAY.slice(0, 4)) - 18}${TODAY.slice(4)}`;
      const own = consents.filter((c) => c.subjectId === s.id);
      const guardians = guardianships.filter((g) => g.studentId === s.id).map((g) => g.parentId);
      for (const c of own) {
        expect([c.givenByRelation, c.givenById], s.login).toEqual(adult ? ["SELF", s.id] : ["GUARDIAN", guardians[0]]);
      }
    }
    for (const p of people.filter((u) => u.role !== "STUDENT")) {
      expect(consents.filter((c) => c.subjectId === p.id).every((c) => c.givenByRelation === "SELF" && c.givenById === p.id)).toBe(true);
    }

    // The notifications replica follows: every guardian consented to notices, as of their consent.
    const links = await targets.notifications.em.fork().find(GuardianLink, {});
    const noticeConsent = new Map(consents.filter((c) => c.kind === "PARENT_NOTIFICATIONS").map((c) => [c.subjectId, c.givenAt.getTime()]));
    for (const link of links) {
      expect(link.notify).toBe(true);
      expect(link.consentChangedAt?.getTime()).toBe(noticeConsent.get(link.guardianId));
    }
    // One guardian row per parent with a child (their locale and consent), and every student's name in both scripts.
    const byId = new Map(people.map((u) => [u.id, u]));
    const guardianRows = await targets.notifications.em.fork().find(Guardian, {});
    expect(guardianRows.map((g) => g.id).sort()).toEqual([...new Set(guardianships.map((g) => g.parentId))].sort());
    for (const g of guardianRows) {
      expect([g.locale, g.notify, g.digest, g.consentChangedAt?.getTime()]).toEqual([
        byId.get(g.id)!.locale,
        true,
        false,
        noticeConsent.get(g.id),
      ]);
    }
    const names = await targets.notifications.em.fork().find(StudentName, {});
    expect(names.map((n) => [n.studentId, n.latn, n.cyrl]).sort()).toEqual(students.map((u) => [u.id, u.fullName, u.fullNameCyrl]).sort());
  });

  it("keeps the replicas consistent with institutions", async () => {
    const enrolments = await inst().find(Enrolment, {});
    const memberships = await inst().find(StaffMembership, {});
    const assignments = await inst().find(TeachingAssignment, {});
    const classes = await inst().find(SchoolClass, {});
    const schools = new Map((await inst().find(School, {})).map((s) => [s.id, s]));
    const placements = await users().find(Placement, {});
    const placement = (kind: Placement["kind"]) => placements.filter((p) => p.kind === kind);

    const roster = await journal().find(RosterEntry, {});
    expect(placement("ENROLMENT")).toHaveLength(enrolments.length);
    expect(roster).toHaveLength(enrolments.length);
    for (const e of enrolments) {
      const school = schools.get(classes.find((c) => c.id === e.classId)!.schoolId)!;
      expect(placement("ENROLMENT").find((p) => p.userId === e.studentId)).toMatchObject({
        classId: e.classId,
        schoolId: school.id,
        districtId: school.districtId,
        regionId: school.regionId,
      });
      expect(roster.find((r) => r.studentId === e.studentId)).toMatchObject({ classId: e.classId, startsOn: "2026-09-02" });
      expect(e).toMatchObject({ academicYear: 2026, startsOn: "2026-09-02" });
    }
    expect(placement("MEMBERSHIP")).toHaveLength(memberships.length);
    for (const m of memberships) {
      expect(placement("MEMBERSHIP").find((p) => p.userId === m.userId)).toMatchObject({
        role: m.role,
        schoolId: m.schoolId ?? null,
        districtId: m.districtId ?? null,
        regionId: m.regionId ?? null,
      });
    }
    const replicas = await journal().find(TeachingReplica, {});
    const key = (x: { teacherId?: string; userId?: string; classId?: string | null; subjectId?: string | null }) =>
      `${x.teacherId ?? x.userId}:${x.classId}:${x.subjectId}`;
    expect(placement("TEACHING").map(key).sort()).toEqual(assignments.map(key).sort());
    expect(replicas.map(key).sort()).toEqual(assignments.map(key).sort());
    expect(
      placement("HOMEROOM")
        .map((p) => `${p.userId}:${p.classId}`)
        .sort(),
    ).toEqual(classes.map((c) => `${c.homeroomTeacherId}:${c.id}`).sort());

    const places = await journal().find(ClassPlace, {});
    expect(places).toHaveLength(classes.length);
    for (const c of classes) {
      const school = schools.get(c.schoolId)!;
      expect(places.find((p) => p.classId === c.id)).toMatchObject({
        schoolId: school.id,
        districtId: school.districtId,
        regionId: school.regionId,
        gradeLevel: c.gradeLevel,
        homeroomTeacherId: c.homeroomTeacherId,
      });
    }

    const guardianships = await users().find(Guardianship, {});
    const links = await targets.notifications.em.fork().find(GuardianLink, {});
    expect(links).toHaveLength(guardianships.length);
    const locale = new Map([...byLogin.values()].map((u) => [u.id, u.locale]));
    for (const g of guardianships) {
      expect(links.find((l) => l.studentId === g.studentId && l.guardianId === g.parentId)?.locale).toBe(locale.get(g.parentId));
    }
  });
});

describe("large world", () => {
  const small = { schools: 3, classesPerSchool: 3, studentsPerClass: 6, today: TODAY } as const;

  it("is deterministic: the same seed gives the same ids", async () => {
    const firstUsers = async (seed: number) => {
      const targets = await openTargets();
      try {
        await seedLarge(targets, { ...small, seed });
        const rows = await targets.users.em.fork().find(User, {}, { orderBy: { createdAt: "asc", login: "asc" } });
        const lessons = await targets.journal.em.fork().find(Lesson, {}, { orderBy: { id: "asc" }, limit: 20 });
        return {
          users: rows
            .map((u) => `${u.id} ${u.login} ${u.pinfl}`)
            .sort()
            .slice(0, 50),
          lessons: lessons.map((l) => l.id),
        };
      } finally {
        await closeTargets(targets);
      }
    };
    const a = await firstUsers(7);
    const b = await firstUsers(7);
    const c = await firstUsers(8);
    expect(a.users).toHaveLength(50);
    expect(b).toEqual(a);
    expect(c.users).not.toEqual(a.users);
  });

  it("goes next to the demo world: regions reused, logins unique, a second identical seed refused", async () => {
    const targets = await openTargets();
    try {
      await seedDemo(targets, { password: PASSWORD, today: TODAY });
      const summary = await seedLarge(targets, { ...small, schools: 16, studentsPerClass: 2 });
      expect(summary.rows.institutions.School).toBe(16);
      expect(await targets.institutions.em.fork().count(Region, {})).toBe(14);
      const schools = await targets.institutions.em.fork().find(School, {});
      expect(new Set(schools.map((s) => s.nameLatn)).size).toBe(schools.length);
      expect(new Set(schools.map((s) => s.regionId)).size).toBe(14);
      const logins = (await targets.users.em.fork().find(User, {})).map((u) => u.login);
      expect(new Set(logins).size).toBe(logins.length);
      // The large world's people have their consents too (two each, a third for parents).
      const parents = await targets.users.em.fork().count(User, { role: "PARENT" });
      expect(await targets.users.em.fork().count(Consent, {})).toBe(logins.length * 2 + parents);
      await expect(seedLarge(targets, { ...small, schools: 16, studentsPerClass: 2 })).rejects.toThrow(/already in the database/);
    } finally {
      await closeTargets(targets);
    }
  });

  it("writes all or nothing: a failure half-way leaves every database as it was", async () => {
    // Learn the id of the demo world's first guardian link, then plant a row with that id in a fresh set.
    const probe = await openTargets();
    let plantedId: string;
    try {
      await seedDemo(probe, { password: PASSWORD, today: TODAY });
      plantedId = (await probe.notifications.em.fork().find(GuardianLink, {}, { limit: 1 }))[0]!.id;
    } finally {
      await closeTargets(probe);
    }
    const targets = await openTargets();
    try {
      await targets.notifications.em.fork().insert(GuardianLink, { id: plantedId, studentId: "x", guardianId: "y" });
      await expect(seedDemo(targets, { password: PASSWORD, today: TODAY })).rejects.toThrow();
      expect(await isEmpty(targets)).toBe(true);
      expect(await targets.institutions.em.fork().count(Region, {})).toBe(0);
      expect(await targets.journal.em.fork().count(Lesson, {})).toBe(0);
      expect(await targets.notifications.em.fork().count(GuardianLink, {})).toBe(1);
    } finally {
      await closeTargets(targets);
    }
  });
});
