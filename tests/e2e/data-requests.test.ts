/**
 * The data subject's rights to rectification, blocking and erasure (issue 3, point 3), end to end through
 * the gateway on the demo world: who may file and decide, what a grant changes in every subgraph that holds
 * the data, who is told of a correction, and that a blocked field comes back withheld with reason BLOCKED to
 * everyone but the subject and the data protection officer under LEGAL_REQUEST.
 *
 * Demo world facts relied on (scripts/seed/demo.ts): demo-teacher is homeroom teacher of 5-A and teaches it
 * Matematika; demo-student is in 5-A, demo-parent is their mother; demo-student-2 is in 5-B (also Chilonzor
 * 1-maktab), demo-parent-other their father; demo-principal is the school admin of Chilonzor 1-maktab.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../shared/audit/access-record.entity.js";
import { OutboxEvent } from "../../shared/events/outbox-event.entity.js";
import { BlockedField } from "../../shared/privacy/blocked-field.entity.js";
import { RetentionSchedule } from "../../shared/privacy/retention-schedule.entity.js";
import { Grade } from "../../subgraphs/journal/entities/index.js";
import { Contact } from "../../subgraphs/notifications/entities/index.js";
import { CorrectionMessage, DataRequest, User } from "../../subgraphs/users/entities/index.js";
import { codes, doc, gql, signIn, type CallOptions, type GqlResponse } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const FILE = doc("file-data-request");
const DECIDE = doc("decide-data-request");
const LIST = doc("data-requests");
const USER_CONTACT = doc("user-contact");
const USER_GRADES = doc("user-grades");
const CLASS_JOURNAL = doc("class-journal");
const MY_NOTIFICATIONS = doc("my-notifications");

const LEGAL = { purpose: "LEGAL_REQUEST", legalBasis: "Tashkent city court ruling 2-145/2026" };
const NEW_PHONE = "+998 90 555-12-34";
const NEW_PHONE_STORED = "+998905551234";

let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = [
  "demo-teacher",
  "demo-teacher-2",
  "demo-parent",
  "demo-parent-other",
  "demo-principal",
  "demo-dpo",
  "demo-student",
  "demo-student-2",
];

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  await Promise.all(
    LOGINS.map(async (login) => {
      tokens[login] = await signIn(system.gatewayUrl, login);
    }),
  );
});
afterAll(async () => {
  await system?.stop();
});

const id = (login: DemoLogin): string => ids.people[login].id;
const as = (login: DemoLogin, extra: Omit<CallOptions, "token"> = {}): CallOptions => ({ token: tokens[login], ...extra });
const call = (query: string, variables: Record<string, unknown>, options: CallOptions): Promise<GqlResponse> =>
  gql(system.gatewayUrl, query, variables, options);

async function file(login: DemoLogin, input: Record<string, unknown>): Promise<any> {
  const res = await call(FILE, { input }, as(login));
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.fileDataRequest;
}

async function decide(login: DemoLogin, requestId: string, grant: boolean, note?: string): Promise<any> {
  const res = await call(DECIDE, { id: requestId, grant, note }, as(login));
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.decideDataRequest;
}

/** Every event the users subgraph wrote so far has reached every consumer (the in-process bus awaits them). */
const settle = async (): Promise<void> => {
  await system.relays.users.drain();
};

/** Polls until the audit of `subgraph` has a row matching `where` (the audit is written as the response leaves). */
async function auditRow(subgraph: "users" | "journal", where: Record<string, unknown>, field: string): Promise<AccessRecord | undefined> {
  for (const deadline = Date.now() + 3000; Date.now() < deadline;) {
    const rows = await system.orms[subgraph].em.fork().find(AccessRecord, where);
    const row = rows.find((r) => r.fields.split(",").includes(field));
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

const phoneOf = async (login: DemoLogin): Promise<string | null | undefined> =>
  (await system.orms.users.em.fork().findOneOrFail(User, id(login))).phone;

describe("filing and deciding", () => {
  it("demo-parent-other cannot file for demo-student (FORBIDDEN), and nothing is written", async () => {
    const before = await system.orms.users.em.fork().count(DataRequest, {});
    const res = await call(
      FILE,
      {
        input: {
          subjectId: id("demo-student"),
          kind: "RECTIFICATION",
          fields: ["User.phone"],
          reason: "OUTDATED",
          corrections: [{ field: "User.phone", value: NEW_PHONE }],
        },
      },
      as("demo-parent-other"),
    );
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    expect(await system.orms.users.em.fork().count(DataRequest, {})).toBe(before);
  });

  it("refuses unknown fields, fields that cannot be rectified and values that do not fit the field (BAD_USER_INPUT)", async () => {
    const base = { subjectId: id("demo-student"), kind: "RECTIFICATION", reason: "OUTDATED" };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, fields: ["User.shoeSize"], corrections: [{ field: "User.shoeSize", value: "38" }] }, "input.fields[0]"],
      [{ ...base, fields: ["User.grades"], corrections: [{ field: "User.grades", value: "5" }] }, "input.fields[0]"],
      [{ ...base, fields: ["User.phone"], corrections: [{ field: "User.phone", value: "90 123" }] }, "input.corrections[0].value"],
      [{ ...base, fields: ["User.pinfl"], corrections: [{ field: "User.pinfl", value: "1234" }] }, "input.corrections[0].value"],
      [{ ...base, fields: ["User.email"], corrections: [{ field: "User.email", value: "not-an-address" }] }, "input.corrections[0].value"],
      [
        { ...base, fields: ["User.birthDate"], corrections: [{ field: "User.birthDate", value: "2015-02-30" }] },
        "input.corrections[0].value",
      ],
      [{ ...base, fields: ["User.phone"] }, "input.corrections"],
      [{ ...base, reason: null, fields: ["User.phone"], corrections: [{ field: "User.phone", value: NEW_PHONE }] }, "input.reason"],
      [
        { ...base, kind: "BLOCKING", fields: ["User.phone"], corrections: [{ field: "User.phone", value: NEW_PHONE }] },
        "input.corrections",
      ],
      [{ ...base, kind: "UNBLOCKING", fields: ["User.phone"] }, "input.fields[0]"],
    ];
    for (const [input, field] of cases) {
      const res = await call(FILE, { input }, as("demo-parent"));
      expect(codes(res), JSON.stringify(input)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0]!.extensions!.field, JSON.stringify(input)).toBe(field);
    }
  });

  it("a refusal needs a note (BAD_USER_INPUT); with one it is recorded and says why; deciding again is refused", async () => {
    const request = await file("demo-student", {
      subjectId: id("demo-student"),
      kind: "RECTIFICATION",
      fields: ["User.birthDate"],
      reason: "UNRELIABLE",
      corrections: [{ field: "User.birthDate", value: "2015-03-01" }],
    });
    expect(request).toMatchObject({
      status: "PENDING",
      filedById: id("demo-student"),
      steps: [{ kind: "FILED", actorId: id("demo-student") }],
    });

    for (const note of [undefined, "   "]) {
      const res = await call(DECIDE, { id: request.id, grant: false, note }, as("demo-principal"));
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0]!.extensions!.field).toBe("note");
    }
    const why = "The birth certificate on file shows the recorded date";
    const refused = await decide("demo-principal", request.id, false, why);
    expect(refused).toMatchObject({ status: "REFUSED", decisionNote: why, decidedById: id("demo-principal") });
    expect(refused.steps.map((s: any) => s.kind)).toEqual(["FILED", "REFUSED"]);
    expect(refused.steps[1]).toMatchObject({ actorId: id("demo-principal"), detail: why });
    // The subject sees the refusal and its reason.
    const listed = await call(LIST, { subjectId: id("demo-student") }, as("demo-student"));
    expect(listed.data.dataRequests.find((r: any) => r.id === request.id)).toMatchObject({ status: "REFUSED", decisionNote: why });
    // Nothing changed.
    expect((await system.orms.users.em.fork().findOneOrFail(User, id("demo-student"))).birthDate).not.toBe("2015-03-01");

    const again = await call(DECIDE, { id: request.id, grant: true }, as("demo-principal"));
    expect(codes(again)).toEqual(["BAD_USER_INPUT"]);
    const unknown = await call(DECIDE, { id: "00000000-0000-4000-8000-000000000000", grant: true }, as("demo-principal"));
    expect(codes(unknown)).toEqual(["NOT_FOUND"]);
  });

  it("who may list a person's requests: the subject, the parent, the school admin, the officer; not a teacher", async () => {
    for (const login of ["demo-student", "demo-parent", "demo-principal"] as const) {
      const res = await call(LIST, { subjectId: id("demo-student") }, as(login));
      expect(res.errors, login).toBeUndefined();
      expect(res.data.dataRequests.length, login).toBeGreaterThan(0);
    }
    // The officer: every request of demo-student is decided, so only under a legal request with its basis.
    const legal = await call(LIST, { subjectId: id("demo-student") }, as("demo-dpo", LEGAL));
    expect(legal.errors).toBeUndefined();
    expect(legal.data.dataRequests.length).toBeGreaterThan(0);
    for (const login of ["demo-teacher", "demo-parent-other", "demo-dpo"] as const) {
      expect(codes(await call(LIST, { subjectId: id("demo-student") }, as(login))), login).toEqual(["FORBIDDEN"]);
    }
    // Without a subject, each sees what falls to them: the other parent nothing of demo-student.
    const other = await call(LIST, {}, as("demo-parent-other"));
    expect(other.data.dataRequests.filter((r: any) => r.subjectId === id("demo-student"))).toEqual([]);
    const principal = await call(LIST, { status: "REFUSED" }, as("demo-principal"));
    expect(principal.data.dataRequests.some((r: any) => r.subjectId === id("demo-student"))).toBe(true);
  });
});

describe("a granted rectification of demo-student's phone", () => {
  let requestId: string;

  it("demo-teacher (homeroom of 5-A) reads the phone under JOURNAL, demo-dpo under LEGAL_REQUEST: both are audited", async () => {
    const stored = await phoneOf("demo-student");
    const teacher = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-teacher", { purpose: "JOURNAL" }));
    expect(teacher.errors).toBeUndefined();
    expect(teacher.data.user.phone).toBe(stored ?? null);
    const dpo = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-dpo", LEGAL));
    expect(dpo.errors).toBeUndefined();

    const read = await auditRow("users", { accessorId: id("demo-teacher"), subjectId: id("demo-student"), released: true }, "User.phone");
    expect(read).toMatchObject({ purpose: "JOURNAL", accessorRole: "TEACHER" });
    const disclosed = await auditRow("users", { accessorId: id("demo-dpo"), subjectId: id("demo-student"), released: true }, "User.phone");
    expect(disclosed).toMatchObject({ purpose: "LEGAL_REQUEST", legalBasis: LEGAL.legalBasis });
  });

  it("demo-parent files it (OUTDATED); a teacher cannot decide it (FORBIDDEN)", async () => {
    const request = await file("demo-parent", {
      subjectId: id("demo-student"),
      kind: "RECTIFICATION",
      fields: ["User.phone"],
      reason: "OUTDATED",
      corrections: [{ field: "User.phone", value: NEW_PHONE }],
    });
    requestId = request.id;
    expect(request).toMatchObject({
      subjectId: id("demo-student"),
      kind: "RECTIFICATION",
      fields: ["User.phone"],
      reason: "OUTDATED",
      status: "PENDING",
      filedById: id("demo-parent"),
      // Stored as the field is written, whatever spacing the parent used.
      corrections: [{ field: "User.phone", value: NEW_PHONE_STORED }],
    });
    for (const login of ["demo-teacher", "demo-parent", "demo-student"] as const) {
      expect(codes(await call(DECIDE, { id: requestId, grant: true }, as(login))), login).toEqual(["FORBIDDEN"]);
    }
    expect(await phoneOf("demo-student")).not.toBe(NEW_PHONE_STORED);
  });

  it("demo-principal grants it: the phone changes in users and in the notifications replica, every step recorded", async () => {
    const granted = await decide("demo-principal", requestId, true);
    expect(granted).toMatchObject({ status: "GRANTED", decidedById: id("demo-principal"), decisionNote: null });
    expect(granted.steps.map((s: any) => s.kind)).toEqual([
      "FILED",
      "GRANTED",
      "APPLIED",
      "PUBLISHED",
      "RECIPIENTS_NOTIFIED",
      "EXTERNAL_RECIPIENT_MESSAGED",
    ]);
    expect(JSON.stringify(granted.steps)).not.toContain(NEW_PHONE_STORED);
    expect(await phoneOf("demo-student")).toBe(NEW_PHONE_STORED);

    await settle();
    const contact = await system.orms.notifications.em.fork().findOneOrFail(Contact, { recipientId: id("demo-student") });
    expect(contact.phone).toBe(NEW_PHONE_STORED);
    // The homeroom teacher now reads the new value.
    const teacher = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-teacher"));
    expect(teacher.data.user.phone).toBe(NEW_PHONE_STORED);
  });

  it("the personal-data report shows the new phone wherever it is held, its source the granted request, and the request itself", async () => {
    const res = await call(doc("my-personal-data"), { subjectId: id("demo-student") }, as("demo-parent"));
    expect(res.errors).toBeUndefined();
    const items: Array<{ field: string; value: string; source: string }> = res.data.myPersonalData.items;
    const phones = items.filter((i) => i.field === "User.phone");
    // users holds the profile, notifications its copy for delivering notices: both show the new value.
    expect(phones.map((p) => p.value)).toEqual([NEW_PHONE_STORED, NEW_PHONE_STORED]);
    expect(phones[0]!.source).toContain(`request ${requestId}`);
    expect(items.some((i) => i.field === "DataRequest" && i.value.startsWith("RECTIFICATION of User.phone (OUTDATED), GRANTED"))).toBe(
      true,
    );
  });

  it("demo-teacher, an earlier recipient, gets a DATA_CORRECTION notice naming the field and the person, not the value", async () => {
    await settle();
    const res = await call(MY_NOTIFICATIONS, {}, as("demo-teacher"));
    expect(res.errors).toBeUndefined();
    const notices = res.data.me.notifications.filter((n: any) => n.kind === "DATA_CORRECTION");
    expect(notices).toHaveLength(1);
    const notice = notices[0];
    expect(notice.student).toEqual({ id: id("demo-student") });
    // demo-teacher's locale is UZ_LATN: "telefon raqami" is the phone number.
    expect(notice.body).toContain("telefon raqami");
    for (const value of [NEW_PHONE_STORED, NEW_PHONE, "905551234"]) expect(JSON.stringify(notice)).not.toContain(value);
    // Someone who never received the phone is not told.
    const other = await call(MY_NOTIFICATIONS, {}, as("demo-teacher-2"));
    expect(other.data.me.notifications.filter((n: any) => n.kind === "DATA_CORRECTION")).toEqual([]);
  });

  it("the external recipient of the legal disclosure gets a recorded message with basis and fields", async () => {
    const messages = await system.orms.users.em.fork().find(CorrectionMessage, { dataRequestId: requestId });
    expect(messages.map(({ recipient, basis, fields, subjectId }) => ({ recipient, basis, fields, subjectId }))).toEqual([
      { recipient: LEGAL.legalBasis, basis: LEGAL.legalBasis, fields: "User.phone", subjectId: id("demo-student") },
    ]);
  });
});

describe("blocking", () => {
  it("a granted block of User.phone: demo-teacher gets null with PERSONAL_DATA_WITHHELD, reason BLOCKED; audited as such", async () => {
    const request = await file("demo-parent", {
      subjectId: id("demo-student"),
      kind: "BLOCKING",
      fields: ["User.phone"],
      reason: "UNLAWFULLY_OBTAINED",
    });
    const granted = await decide("demo-dpo", request.id, true, "The number was collected without the parent's consent");
    expect(granted.steps.map((s: any) => s.kind)).toEqual(["FILED", "GRANTED", "APPLIED", "PUBLISHED"]);

    const res = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-teacher", { purpose: "JOURNAL" }));
    expect(res.data.user.phone).toBeNull();
    // Only the blocked field: the rest of the response is served.
    expect(res.data.user.fullName).toBe(ids.people["demo-student"].values.fullName);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      path: ["user", "phone"],
      extensions: { code: "PERSONAL_DATA_WITHHELD", category: "contact", reason: "BLOCKED" },
    });
    expect(JSON.stringify(res)).not.toContain(NEW_PHONE_STORED);
    const withheld = await auditRow(
      "users",
      { accessorId: id("demo-teacher"), subjectId: id("demo-student"), released: false, reason: "BLOCKED" },
      "User.phone",
    );
    expect(withheld).toBeTruthy();
  });

  it("demo-dpo under LEGAL_REQUEST still gets it, and so does the subject; a parent does not (BLOCKED)", async () => {
    const dpo = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-dpo", LEGAL));
    expect(dpo.errors).toBeUndefined();
    expect(dpo.data.user.phone).toBe(NEW_PHONE_STORED);
    const self = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-student"));
    expect(self.errors).toBeUndefined();
    expect(self.data.user.phone).toBe(NEW_PHONE_STORED);
    const parent = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-parent"));
    expect(parent.data.user.phone).toBeNull();
    expect(parent.errors![0]!.extensions).toMatchObject({ code: "PERSONAL_DATA_WITHHELD", reason: "BLOCKED" });
    // The officer under any other purpose is no exception.
    const dpoOther = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-dpo"));
    expect(dpoOther.data?.user?.phone ?? null).toBeNull();
  });

  it("a block of User.grades reaches the journal's replica: demo-teacher's reads of the grades are withheld (BLOCKED)", async () => {
    const before = await call(USER_GRADES, { id: id("demo-student") }, as("demo-teacher"));
    expect(before.errors).toBeUndefined();
    expect(before.data.user.grades.length).toBeGreaterThan(0);

    const request = await file("demo-parent", {
      subjectId: id("demo-student"),
      kind: "BLOCKING",
      fields: ["User.grades"],
      reason: "UNRELIABLE",
    });
    await decide("demo-principal", request.id, true);
    await settle();
    expect(await system.orms.journal.em.fork().count(BlockedField, { subjectId: id("demo-student"), field: "User.grades" })).toBe(1);
    // Every subgraph keeps the replica, not only the one that holds the field.
    for (const name of ["institutions", "notifications"] as const) {
      expect(await system.orms[name].em.fork().count(BlockedField, { subjectId: id("demo-student") }), name).toBe(2);
    }

    const res = await call(USER_GRADES, { id: id("demo-student") }, as("demo-teacher"));
    expect(res.data.user.grades).toBeNull();
    expect(res.errors![0]).toMatchObject({
      path: ["user", "grades"],
      extensions: { code: "PERSONAL_DATA_WITHHELD", category: "academic", reason: "BLOCKED" },
    });
    // The same rows by another route: the class journal withholds demo-student's marks (null), not the classmates'.
    const journal = await call(
      CLASS_JOURNAL,
      { classId: ids.classes["5-A"], subjectId: ids.subjects["Matematika"], from: "2026-09-01", to: "2027-06-30" },
      as("demo-teacher"),
    );
    const rows = journal.data.classJournal.rows;
    expect(rows.find((r: any) => r.student.id === id("demo-student")).grades).toBeNull();
    expect(rows.filter((r: any) => r.student.id !== id("demo-student")).some((r: any) => r.grades.length > 0)).toBe(true);
    const withheld = await auditRow(
      "journal",
      { accessorId: id("demo-teacher"), subjectId: id("demo-student"), released: false, reason: "BLOCKED" },
      "User.grades",
    );
    expect(withheld).toBeTruthy();
    // The student still sees their own marks.
    const self = await call(USER_GRADES, { id: id("demo-student") }, as("demo-student"));
    expect(self.errors).toBeUndefined();
    expect(self.data.user.grades.length).toBe(await system.orms.journal.em.fork().count(Grade, { studentId: id("demo-student") }));
  });

  it("an unblocking request lifts the block everywhere", async () => {
    const request = await file("demo-parent", { subjectId: id("demo-student"), kind: "UNBLOCKING", fields: ["User.grades"] });
    expect(request.reason).toBeNull();
    await decide("demo-principal", request.id, true);
    await settle();
    expect(await system.orms.journal.em.fork().count(BlockedField, { subjectId: id("demo-student"), field: "User.grades" })).toBe(0);
    const res = await call(USER_GRADES, { id: id("demo-student") }, as("demo-teacher"));
    expect(res.errors).toBeUndefined();
    expect(res.data.user.grades.length).toBeGreaterThan(0);
    // The phone stays blocked.
    const phone = await call(USER_CONTACT, { id: id("demo-student") }, as("demo-teacher"));
    expect(phone.errors![0]!.extensions!.reason).toBe("BLOCKED");
  });
});

describe("erasure", () => {
  it("a refused erasure says why; a granted one puts users.subject.erased in the outbox", async () => {
    const input = { subjectId: id("demo-student-2"), kind: "ERASURE", fields: [], reason: "NOT_NEEDED" };
    const first = await file("demo-parent-other", input);
    const why = "The student is still enrolled: the journal must be kept for the study period";
    const refused = await decide("demo-principal", first.id, false, why);
    expect(refused).toMatchObject({ status: "REFUSED", decisionNote: why });

    const second = await file("demo-parent-other", input);
    const granted = await decide("demo-principal", second.id, true);
    expect(granted.steps.map((s: any) => s.kind)).toEqual(["FILED", "GRANTED", "PUBLISHED"]);
    expect(granted.steps[2].detail).toBe("users.subject.erased");
    const events = await system.orms.users.em.fork().find(OutboxEvent, { topic: "users.subject.erased" });
    expect(events.map((e) => e.payload)).toEqual([{ subjectId: id("demo-student-2"), dataRequestId: second.id }]);
  });

  it("the granted erasure anonymises demo-student-2 in every subgraph at once and keeps 5-B's marks", async () => {
    const subjectId = id("demo-student-2");
    const journal = () => system.orms.journal.em.fork();
    const marksOf5B = async () =>
      (await journal().find(Grade, { classId: ids.classes["5-B"] }, { orderBy: { id: "asc" } })).map((g) => [
        g.id,
        g.studentId,
        g.value,
        g.date,
      ]);
    const before = await marksOf5B();
    await settle();

    const user = await system.orms.users.em.fork().findOneOrFail(User, subjectId);
    expect([user.fullName, user.phone, user.pinfl, user.birthDate]).toEqual(["Anonymised", null, null, null]);
    expect(user.login).not.toBe("demo-student-2");
    expect(await journal().count(Grade, { studentId: subjectId, comment: { $ne: null } })).toBe(0);
    const notifications = system.orms.notifications.em.fork();
    expect(await notifications.count(Contact, { recipientId: subjectId })).toBe(0);
    expect(await marksOf5B()).toEqual(before);
    const schedules = await Promise.all(
      (["users", "institutions", "journal", "notifications"] as const).map((name) =>
        system.orms[name].em.fork().findOne(RetentionSchedule, { subjectId, reason: "ERASURE" }),
      ),
    );
    expect(schedules.map((row) => !!row?.doneAt)).toEqual([true, true, true, true]);
  });
});
