/**
 * Retention, end to end: demo-principal records that demo-student-2 transferred out; every subgraph
 * hears of it and schedules the anonymisation; a dry run a year later shows the plan and changes nothing;
 * the real run anonymises demo-student-2 in every subgraph, ends their session, purges old access
 * records, and leaves 5-B's marks and attendance standing. A granted erasure (the event on the bus)
 * anonymises at once; the write API refuses whoever is not the person's school administration.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../shared/audit/access-record.entity.js";
import { signAccessToken } from "../../shared/auth/tokens.js";
import { SUBGRAPHS, type SubgraphName } from "../../shared/config.js";
import { addDays, startOfTashkentDay, tashkentDay } from "../../shared/days.js";
import { OutboxEvent } from "../../shared/events/outbox-event.entity.js";
import { RetentionSchedule } from "../../shared/privacy/retention-schedule.entity.js";
import { retainEverywhere, type SubgraphRetention } from "../../scripts/lib/retention.js";
import { Enrolment, StaffMembership } from "../../subgraphs/institutions/entities/index.js";
import { AttendanceMark, Grade, Lesson, RosterEntry } from "../../subgraphs/journal/entities/index.js";
import { GuardianLink, Notification } from "../../subgraphs/notifications/entities/index.js";
import { Guardianship, PasswordCredential, Placement, RefreshToken, User } from "../../subgraphs/users/entities/index.js";
import { SUBGRAPH_MODULES } from "../../subgraphs/index.js";
import { claims } from "../fixtures/subgraph-harness.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const END_ENROLMENT = doc("end-enrolment");
const END_EMPLOYMENT = doc("end-employment");
const MY_NOTIFICATIONS = doc("my-notifications");
const RECORD_GRADES = doc("record-grades");
const RECORD_ATTENDANCE = /* GraphQL */ `
  mutation RecordAttendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      id
    }
  }
`;
const CONFIG = { retention: { daysAfterLeaving: 365, auditDays: 1825, intervalMinutes: 0 }, jwt: { accessTtlSeconds: 900 } } as const;

let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin | "other-school-admin", string>;
const today = tashkentDay();
let leaver: string;

const em = (name: SubgraphName): EntityManager => system.orms[name].em.fork();
const run = (day: string, dryRun: boolean): Promise<SubgraphRetention[]> =>
  retainEverywhere(system.orms, CONFIG, { now: startOfTashkentDay(day), dryRun });
const reports = (results: SubgraphRetention[]) =>
  Object.fromEntries(
    results.map((r) => {
      if ("error" in r) throw r.error;
      return [r.subgraph, r.report];
    }),
  );

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  leaver = ids.people["demo-student-2"].id;
  for (const login of ["demo-principal", "demo-teacher", "demo-parent-other", "demo-dpo", "demo-student-2"] as const) {
    tokens[login] = await signIn(system.gatewayUrl, login);
  }
  // Yunusobod 2-maktab's principal is no demo account: a token is minted for them.
  const yunusobod = ids.schools["Yunusobod 2-maktab"]!;
  const admin = await em("institutions").findOneOrFail(StaffMembership, { schoolId: yunusobod, role: "SCHOOL_ADMIN" });
  tokens["other-school-admin"] = (
    await signAccessToken(system.tokens, claims(admin.userId, "SCHOOL_ADMIN", { org: { schoolId: yunusobod } }))
  ).token;
});
afterAll(async () => {
  await system?.stop();
});

/** 5-B's marks and attendance as statistics: ids, values, statuses, dates (ILLNESS counts as the excused absence it is shown as). */
async function statisticsOf5B(): Promise<{ grades: string[]; attendance: string[] }> {
  const journal = em("journal");
  const classId = ids.classes["5-B"]!;
  const grades = await journal.find(Grade, { classId }, { orderBy: { id: "asc" } });
  const marks = await journal.find(AttendanceMark, { classId }, { orderBy: { id: "asc" } });
  const status = (m: AttendanceMark): string => (m.studentId === leaver && m.status === "ILLNESS" ? "ABSENT_EXCUSED" : m.status);
  return {
    grades: grades.map((g) => `${g.id} ${g.studentId} ${g.subjectId} ${g.kind} ${g.date} ${g.value}`),
    attendance: marks.map((m) => `${m.id} ${m.studentId} ${m.subjectId} ${m.date} ${status(m)}`),
  };
}

/** Everything held about the leaver, row by row, in every subgraph (what a dry run must leave alone). */
async function heldAbout(subjectId: string): Promise<string> {
  const rows = {
    user: await em("users").findOne(User, { id: subjectId }),
    credentials: await em("users").count(PasswordCredential, { userId: subjectId }),
    refreshTokens: await em("users").find(RefreshToken, { userId: subjectId }, { orderBy: { id: "asc" } }),
    guardianships: await em("users").count(Guardianship, { $or: [{ parentId: subjectId }, { studentId: subjectId }] }),
    grades: await em("journal").find(Grade, { studentId: subjectId }, { orderBy: { id: "asc" } }),
    attendance: await em("journal").find(AttendanceMark, { studentId: subjectId }, { orderBy: { id: "asc" } }),
    notices: await em("notifications").count(Notification, { $or: [{ recipientId: subjectId }, { studentId: subjectId }] }),
    links: await em("notifications").count(GuardianLink, { $or: [{ guardianId: subjectId }, { studentId: subjectId }] }),
    schedules: {} as Record<string, unknown>,
    audit: {} as Record<string, number>,
    outbox: await em("users").count(OutboxEvent, {}),
  };
  for (const name of SUBGRAPHS) {
    rows.schedules[name] = await em(name).find(RetentionSchedule, { subjectId }, { orderBy: { reason: "asc" } });
    rows.audit[name] = await em(name).count(AccessRecord, {});
  }
  return JSON.stringify(rows);
}

/** A past 5-B lesson of demo-teacher's subject where the leaver has no current mark yet (attendance is recorded again). */
async function lessonOf5B(): Promise<Lesson> {
  const journal = em("journal");
  const lessons = await journal.find(
    Lesson,
    { classId: ids.classes["5-B"], subjectId: ids.subjects["Matematika"], date: { $lt: today } },
    { orderBy: { date: "desc", period: "desc" } },
  );
  const graded = new Set((await journal.find(Grade, { studentId: leaver, kind: "CURRENT" })).map((g) => g.lessonId));
  const lesson = lessons.find((l) => !graded.has(l.id));
  if (!lesson) throw new Error("no free 5-B Matematika lesson in the seed");
  return lesson;
}

describe("the leaving mutations refuse whoever may not record them", () => {
  it("a teacher, and another school's admin, get FORBIDDEN; nothing is written or sent", async () => {
    const args = { studentId: leaver, endedOn: today, reason: "TRANSFERRED_OUT" };
    const outboxBefore = await em("institutions").count(OutboxEvent, {});
    for (const caller of ["demo-teacher", "other-school-admin"] as const) {
      const res = await gql(system.gatewayUrl, END_ENROLMENT, args, { token: tokens[caller] });
      expect(codes(res), caller).toEqual(["FORBIDDEN"]);
    }
    const staff = { userId: ids.people["demo-teacher-2"].id, endedOn: today };
    expect(codes(await gql(system.gatewayUrl, END_EMPLOYMENT, staff, { token: tokens["other-school-admin"] }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(system.gatewayUrl, END_EMPLOYMENT, staff, { token: tokens["demo-teacher"] }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(system.gatewayUrl, END_ENROLMENT, args))).toEqual(["UNAUTHENTICATED"]);

    expect((await em("institutions").findOneOrFail(Enrolment, { studentId: leaver })).endsOn ?? null).toBeNull();
    expect(await em("institutions").count(OutboxEvent, {})).toBe(outboxBefore);
  });

  it("an unknown person is NOT_FOUND; an impossible or far-off date, or one before the enrolment began, BAD_USER_INPUT", async () => {
    const as = { token: tokens["demo-principal"] };
    const unknown = await gql(system.gatewayUrl, END_ENROLMENT, { studentId: randomUUID(), endedOn: today, reason: "GRADUATED" }, as);
    expect(codes(unknown)).toEqual(["NOT_FOUND"]);
    expect(codes(await gql(system.gatewayUrl, END_EMPLOYMENT, { userId: randomUUID(), endedOn: today }, as))).toEqual(["NOT_FOUND"]);
    for (const endedOn of ["2026-02-30", addDays(today, 400), "2026-08-01"]) {
      const res = await gql(system.gatewayUrl, END_ENROLMENT, { studentId: leaver, endedOn, reason: "GRADUATED" }, as);
      expect(codes(res), endedOn).toEqual(["BAD_USER_INPUT"]);
    }
    const badReason = await gql(system.gatewayUrl, END_ENROLMENT, { studentId: leaver, endedOn: today, reason: "EXPELLED" }, as);
    expect(codes(badReason)).toEqual(["BAD_USER_INPUT"]);
    expect((await em("institutions").findOneOrFail(Enrolment, { studentId: leaver })).endsOn ?? null).toBeNull();
  });
});

describe("demo-student-2 transfers out; a retention run a year later anonymises them everywhere", () => {
  let statisticsBefore: Awaited<ReturnType<typeof statisticsOf5B>>;
  const dueOn = addDays(today, 365);

  it("the leaver has a mark with a comment, an illness with a reason, and a notice to their parent", async () => {
    const lesson = await lessonOf5B();
    const teacher = { token: tokens["demo-teacher"] };
    const graded = await gql(
      system.gatewayUrl,
      RECORD_GRADES,
      {
        input: { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: leaver, value: 3, comment: "Zarina uy vazifasini unutdi" }] },
      },
      teacher,
    );
    expect(graded.errors).toBeUndefined();
    const absent = await gql(
      system.gatewayUrl,
      RECORD_ATTENDANCE,
      { input: { lessonId: lesson.id, entries: [{ studentId: leaver, status: "ILLNESS", reason: "Kasallik varaqasi" }] } },
      teacher,
    );
    expect(absent.errors).toBeUndefined();
    await system.relays.journal.drain();
    expect(await em("notifications").count(Notification, { studentId: leaver })).toBeGreaterThan(0);
    statisticsBefore = await statisticsOf5B();
    expect(statisticsBefore.grades.length).toBeGreaterThan(0);
    expect(statisticsBefore.attendance.length).toBeGreaterThan(0);
  });

  it("demo-principal ends the enrolment; a second attempt is BAD_USER_INPUT", async () => {
    const as = { token: tokens["demo-principal"] };
    const res = await gql(system.gatewayUrl, END_ENROLMENT, { studentId: leaver, endedOn: today, reason: "TRANSFERRED_OUT" }, as);
    expect(res.errors).toBeUndefined();
    expect(res.data.endEnrolment).toEqual({
      student: { id: leaver },
      schoolClass: { id: ids.classes["5-B"], name: "5-B" },
      endedOn: today,
      reason: "TRANSFERRED_OUT",
    });
    const again = await gql(system.gatewayUrl, END_ENROLMENT, { studentId: leaver, endedOn: today, reason: "TRANSFERRED_OUT" }, as);
    expect(codes(again)).toEqual(["BAD_USER_INPUT"]);

    const enrolment = await em("institutions").findOneOrFail(Enrolment, { studentId: leaver });
    expect(enrolment.endsOn).toBe(today);
    const events = await em("institutions").find(OutboxEvent, { topic: "institutions.enrolment.ended" });
    expect(events.map((e) => e.payload)).toEqual([
      {
        studentId: leaver,
        classId: ids.classes["5-B"],
        schoolId: ids.schools["Chilonzor 1-maktab"],
        endedOn: today,
        reason: "TRANSFERRED_OUT",
      },
    ]);
  });

  it("every subgraph schedules the anonymisation a year on; users' placement and the journal's roster end", async () => {
    await system.relays.institutions.drain();
    for (const name of SUBGRAPHS) {
      const rows = await em(name).find(RetentionSchedule, { subjectId: leaver });
      expect(
        rows.map((r) => [r.reason, r.dueOn, r.doneAt ?? null]),
        name,
      ).toEqual([["LEFT_SCHOOL", dueOn, null]]);
    }
    const placements = await em("users").find(Placement, { userId: leaver, kind: "ENROLMENT" });
    expect(placements.map((p) => p.endsOn)).toEqual([today]);
    const roster = await em("journal").find(RosterEntry, { studentId: leaver });
    expect(roster.map((r) => r.endsOn)).toEqual([today]);
  });

  it("a day before it is due, a run finds nobody", async () => {
    for (const report of Object.values(reports(await run(addDays(dueOn, -1), true)))) expect(report.subjects).toEqual([]);
  });

  it("the dry run on the due day lists the leaver with what would change in each subgraph, and changes nothing", async () => {
    // An access record past the audit retention period in every subgraph, next to the recent ones.
    for (const name of SUBGRAPHS) {
      const db = em(name);
      db.persist(
        db.create(AccessRecord, {
          accessorId: randomUUID(),
          accessorRole: "TEACHER",
          purpose: "JOURNAL",
          subjectId: leaver,
          fields: "User.fullName",
          released: true,
          requestId: "old",
          at: new Date("2019-01-01T00:00:00Z"),
        }),
      );
      await db.flush();
    }
    const before = await heldAbout(leaver);
    const plan = reports(await run(dueOn, true));
    expect(await heldAbout(leaver)).toBe(before);

    for (const name of SUBGRAPHS) {
      expect(plan[name]!.dryRun).toBe(true);
      expect(plan[name]!.subjects.map((s) => [s.subjectId, s.reasons])).toEqual([[leaver, ["LEFT_SCHOOL"]]]);
      expect(plan[name]!.audit.purged, name).toBe(1);
    }
    expect(plan.users!.tables).toMatchObject({ users: 1, password_credentials: 1, guardianships: 1 });
    expect(plan.users!.tables.refresh_tokens).toBeGreaterThan(0);
    expect(plan.journal!.tables.grades).toBeGreaterThan(0);
    expect(plan.journal!.tables.attendance_marks).toBeGreaterThan(0);
    expect(plan.notifications!.tables.notifications).toBeGreaterThan(0);
    expect(plan.notifications!.tables.guardian_links).toBe(1);
    expect(Object.values(plan.institutions!.tables).every((n) => n === 0)).toBe(true);
  });

  it("the real run anonymises the leaver in every subgraph's rows and purges only the old access records", async () => {
    const auditBefore = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (n) => [n, await em(n).count(AccessRecord, {})])));
    const done = reports(await run(dueOn, false));
    for (const name of SUBGRAPHS) {
      expect(done[name]!.subjects.map((s) => s.subjectId)).toEqual([leaver]);
      expect(done[name]!.audit.purged).toBe(1);
      expect(await em(name).count(AccessRecord, {}), name).toBe(auditBefore[name] - 1);
      expect(await em(name).count(AccessRecord, { requestId: "old" }), name).toBe(0);
      const [schedule] = await em(name).find(RetentionSchedule, { subjectId: leaver });
      expect(schedule!.doneAt, name).toBeInstanceOf(Date);
    }

    const user = await em("users").findOneOrFail(User, { id: leaver });
    expect(user).toMatchObject({
      login: `anonymised-${leaver}`,
      fullName: "Anonymised",
      fullNameCyrl: "Anonymised",
      birthDate: null,
      gender: null,
      phone: null,
      email: null,
      pinfl: null,
      address: null,
      role: "STUDENT",
    });
    expect(await em("users").count(PasswordCredential, { userId: leaver })).toBe(0);
    expect(await em("users").count(Guardianship, { studentId: leaver })).toBe(0);
    // One revoked row per session that may still present an access token; nothing else.
    const sessionRows = await em("users").find(RefreshToken, { userId: leaver });
    expect(sessionRows.length).toBe(1);
    expect(sessionRows[0]!.revokedAt).toBeInstanceOf(Date);

    expect(await em("notifications").count(Notification, { $or: [{ studentId: leaver }, { recipientId: leaver }] })).toBe(0);
    expect(await em("notifications").count(GuardianLink, { studentId: leaver })).toBe(0);

    const journal = em("journal");
    expect(await journal.count(Grade, { studentId: leaver, comment: { $ne: null } })).toBe(0);
    expect(await journal.count(AttendanceMark, { studentId: leaver, reason: { $ne: null } })).toBe(0);
    expect(await journal.count(AttendanceMark, { studentId: leaver, status: "ILLNESS" })).toBe(0);
    expect(await journal.count(Grade, { studentId: leaver })).toBeGreaterThan(0);

    expect(await em("institutions").count(Enrolment, { studentId: leaver })).toBe(1);
  });

  it("5-B's statistics survive: every mark and attendance row with its value, status and date", async () => {
    expect(await statisticsOf5B()).toEqual(statisticsBefore);
  });

  it("through the API: the leaver is 'Anonymised' with nothing else, their parent has no notices, their session is over", async () => {
    const legal = { token: tokens["demo-dpo"], purpose: "LEGAL_REQUEST", legalBasis: "test retention" };
    const res = await gql(system.gatewayUrl, doc("user-personal"), { id: leaver }, legal);
    expect(res.errors).toBeUndefined();
    expect(res.data.user).toEqual({ id: leaver, fullName: "Anonymised", birthDate: null, phone: null, email: null, pinfl: null });

    // The child's leaving changed the parent's claims: the token from before is refused, a new sign-in is not.
    const stale = await gql(system.gatewayUrl, MY_NOTIFICATIONS, {}, { token: tokens["demo-parent-other"] });
    expect(stale.errors?.[0]?.extensions?.reason).toBe("CLAIMS_CHANGED");
    const fresh = await gql(
      system.gatewayUrl,
      'mutation { signIn(login: "demo-parent-other", password: "demo-password") { accessToken } }',
    );
    const parent = await gql(system.gatewayUrl, MY_NOTIFICATIONS, {}, { token: fresh.data.signIn.accessToken });
    expect(parent.errors).toBeUndefined();
    expect(parent.data.me.notifications).toEqual([]);

    await system.relays.users.drain();
    const me = await gql(system.gatewayUrl, "{ me { id } }", {}, { token: tokens["demo-student-2"] });
    expect(codes(me)).toEqual(["UNAUTHENTICATED"]);
    const signInAgain = await gql(
      system.gatewayUrl,
      'mutation { signIn(login: "demo-student-2", password: "demo-password") { accessToken } }',
    );
    expect(codes(signInAgain)).toEqual(["UNAUTHENTICATED"]);
  });

  it("a second run finds nothing left to do", async () => {
    for (const report of Object.values(reports(await run(dueOn, false)))) {
      expect(report.subjects).toEqual([]);
      expect(report.audit.purged).toBe(0);
    }
  });
});

describe("an employment ends", () => {
  it("demo-principal ends demo-teacher-2's employment: every subgraph schedules it, users' placements end", async () => {
    const teacher = ids.people["demo-teacher-2"].id;
    const as = { token: tokens["demo-principal"] };
    const res = await gql(system.gatewayUrl, END_EMPLOYMENT, { userId: teacher, endedOn: today }, as);
    expect(res.errors).toBeUndefined();
    expect(res.data.endEmployment).toEqual({
      user: { id: teacher },
      school: { id: ids.schools["Chilonzor 1-maktab"], name: "Chilonzor 1-maktab" },
      endedOn: today,
    });
    expect(codes(await gql(system.gatewayUrl, END_EMPLOYMENT, { userId: teacher, endedOn: today }, as))).toEqual(["BAD_USER_INPUT"]);

    await system.relays.institutions.drain();
    for (const name of SUBGRAPHS) {
      const rows = await em(name).find(RetentionSchedule, { subjectId: teacher });
      expect(
        rows.map((r) => [r.reason, r.dueOn, r.doneAt ?? null]),
        name,
      ).toEqual([["EMPLOYMENT_ENDED", addDays(today, 365), null]]);
    }
    const placements = await em("users").find(Placement, { userId: teacher });
    expect(placements.length).toBeGreaterThan(0);
    expect(placements.every((p) => p.endsOn === today)).toBe(true);
  });
});

describe("a granted erasure (users.subject.erased) anonymises at once", () => {
  it("every subgraph anonymises demo-student now and records it; the same event again changes nothing", async () => {
    const subjectId = ids.people["demo-student"].id;
    const event = {
      id: randomUUID(),
      topic: "users.subject.erased",
      source: "users",
      occurredAt: new Date().toISOString(),
      payload: { subjectId, dataRequestId: randomUUID() },
    };
    expect(await em("journal").count(AttendanceMark, { studentId: subjectId, status: "ILLNESS" })).toBeGreaterThan(0);
    await system.bus.publish(event);

    for (const name of SUBGRAPHS) {
      const rows = await em(name).find(RetentionSchedule, { subjectId });
      expect(
        rows.map((r) => [r.reason, r.dueOn]),
        name,
      ).toEqual([["ERASURE", today]]);
      expect(rows[0]!.doneAt, name).toBeInstanceOf(Date);
      expect(rows[0]!.outcome, name).toBeTruthy();
    }
    expect(await em("users").findOneOrFail(User, { id: subjectId })).toMatchObject({ fullName: "Anonymised", pinfl: null });
    expect(await em("users").count(Guardianship, { studentId: subjectId })).toBe(0);
    expect(await em("notifications").count(GuardianLink, { studentId: subjectId })).toBe(0);
    expect(await em("journal").count(AttendanceMark, { studentId: subjectId, status: "ILLNESS" })).toBe(0);

    const after = await heldAbout(subjectId);
    await system.bus.publish(event);
    await system.bus.publish({ ...event, id: randomUUID() });
    expect(await heldAbout(subjectId)).toBe(after);
    for (const module of SUBGRAPH_MODULES) {
      const counts = await em(module.name).transactional((tx) => module.privacy.anonymise(tx, subjectId));
      expect(
        Object.values(counts).every((n) => n === 0),
        `${module.name}: ${JSON.stringify(counts)}`,
      ).toBe(true);
    }
  });
});
