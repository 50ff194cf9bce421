/**
 * Issue 3, the right of access: `myPersonalData` through the gateway gathers every personal item the four
 * subgraphs hold about a subject, with sources and retention dates, the legal disclosures made of it and
 * who accessed it (from every subgraph's audit). Who may ask, and that asking is itself recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../shared/audit/access-record.entity.js";
import { addDays } from "../../subgraphs/users/privacy/report-merge.js";
import { Enrolment, School, SchoolClass, StaffMembership } from "../../subgraphs/institutions/entities/index.js";
import { User } from "../../subgraphs/users/entities/index.js";
import { AttendanceMark, Grade } from "../../subgraphs/journal/entities/index.js";
import { Notification } from "../../subgraphs/notifications/entities/index.js";
import { codes, doc, gql, signIn, type CallOptions, type GqlResponse } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const REPORT = doc("my-personal-data");
const TEACHER_READ = "query($id: ID!) { user(id: $id) { fullName phone grades { value } } }";

interface Item {
  field: string;
  category: string;
  value: string | null;
  source: string;
  purposes: string[];
  retainedUntil: string | null;
}
interface Access {
  accessorId: string;
  accessorRole: string;
  accessorName: string | null;
  accessorOrganisation: string | null;
  purpose: string;
  fields: string[];
  at: string;
  requestId: string;
}
interface Disclosure {
  recipient: string;
  purpose: string;
  fields: string[];
  at: string;
  legalBasis: string | null;
  restricted: boolean;
}
interface Report {
  myPersonalData: { subject: { id: string }; items: Item[]; disclosures: Disclosure[]; accesses: Access[] };
}

let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = ["demo-parent", "demo-parent-other", "demo-teacher", "demo-student", "demo-dpo", "demo-principal"];

const report = (login: DemoLogin, subjectId?: string, requestId?: string, extra: Partial<CallOptions> = {}) =>
  gql<Report>(system.gatewayUrl, REPORT, subjectId ? { subjectId } : {}, { token: tokens[login], requestId, ...extra });
/** The audit key the gateway gave a request (the client's X-Request-Id is only a correlation id). */
const auditKey = (res: GqlResponse): string => res.headers.get("x-audit-request-id")!;

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  for (const login of LOGINS) tokens[login] = await signIn(system.gatewayUrl, login);
});
afterAll(async () => {
  await system?.stop();
});

describe("demo-parent reads demo-student's personal-data report", () => {
  it("lists every item each subgraph holds, with sources, purposes and the retention date", async () => {
    const student = ids.people["demo-student"];
    const res = await report("demo-parent", student.id);
    expect(res.errors).toBeUndefined();
    const { subject, items } = res.data!.myPersonalData;
    expect(subject.id).toBe(student.id);
    const byField = (field: string) => items.filter((i) => i.field === field);

    // users: the profile as stored
    expect(byField("User.fullName")[0]?.value).toBe(student.values.fullName);
    expect(byField("User.login")[0]?.value).toBe("demo-student");
    if (student.values.phone) expect(byField("User.phone")[0]?.value).toBe(student.values.phone);
    expect(byField("User.guardians").length).toBeGreaterThan(0);
    // Consents, with who gave them: a minor's by their guardian.
    const consents = byField("User.consents");
    expect(consents.map((c) => c.value!.split(" ")[0]).sort()).toEqual(["PRIVACY_POLICY", "USER_AGREEMENT"]);
    for (const consent of consents) expect(consent.source).toBe(`Given by guardian ${ids.people["demo-parent"].id}`);
    // institutions, journal, notifications: one item per stored row
    const enrolments = await system.orms.institutions.em.fork().find(Enrolment, { studentId: student.id });
    expect(byField("User.schoolClass")).toHaveLength(enrolments.length);
    expect(byField("User.schoolClass")[0]?.value).toContain("5-A");
    const journal = system.orms.journal.em.fork();
    expect(byField("User.grades")).toHaveLength(await journal.count(Grade, { studentId: student.id }));
    expect(byField("User.attendance")).toHaveLength(await journal.count(AttendanceMark, { studentId: student.id }));
    expect(byField("Notification.student")).toHaveLength(
      await system.orms.notifications.em.fork().count(Notification, { studentId: student.id }),
    );

    // A source and purposes for every item; a grade names who entered it.
    for (const item of items) {
      expect(item.source.length, item.field).toBeGreaterThan(0);
      expect(item.purposes.length, item.field).toBeGreaterThan(0);
    }
    const grade = await journal.findOneOrFail(Grade, { studentId: student.id }, { orderBy: { date: "asc", recordedAt: "asc" } });
    expect(byField("User.grades")[0]!.source).toContain(grade.recordedById ?? "the school");

    // Kept until 30 June of the year they finish grade 11, plus the retention period (365 days by default).
    const enrolment = enrolments[0]!;
    const schoolClass = await system.orms.institutions.em.fork().findOneOrFail(SchoolClass, { id: enrolment.classId });
    const leaves = `${enrolment.academicYear + (11 - schoolClass.gradeLevel) + 1}-06-30`;
    for (const item of items) expect(item.retainedUntil, item.field).toBe(addDays(leaves, 365));
  });

  it("shows demo-teacher's reads of demo-student as accesses, one per request across subgraphs", async () => {
    const student = ids.people["demo-student"];
    const teacher = ids.people["demo-teacher"];
    const read = await gql(
      system.gatewayUrl,
      TEACHER_READ,
      { id: student.id },
      { token: tokens["demo-teacher"], requestId: "teacher-read-1" },
    );
    expect(read.errors ?? []).toEqual([]);

    const res = await report("demo-parent", student.id);
    const accesses = res.data!.myPersonalData.accesses.filter((a) => a.requestId === auditKey(read));
    expect(accesses).toHaveLength(1);
    expect(accesses[0]).toMatchObject({ accessorId: teacher.id, accessorRole: "TEACHER", purpose: "JOURNAL" });
    // fullName and phone were released by users, the grades by the journal: one access, both subgraphs' fields.
    expect(accesses[0]!.fields).toEqual(expect.arrayContaining(["User.fullName", "User.phone", "User.grades"]));
    // Who, by name, and where they work: a person and a school, not a bare id and role.
    const person = await system.orms.users.em.fork().findOneOrFail(User, { id: teacher.id });
    const membership = await system.orms.institutions.em.fork().findOneOrFail(StaffMembership, { userId: teacher.id, role: "TEACHER" });
    const school = await system.orms.institutions.em.fork().findOneOrFail(School, { id: membership.schoolId! });
    expect(person.fullName).toBeTruthy();
    expect(accesses[0]).toMatchObject({ accessorName: person.fullName, accessorOrganisation: school.nameLatn });
  });

  it("a student asks for their own report without naming themself", async () => {
    const res = await report("demo-student");
    expect(res.errors).toBeUndefined();
    expect(res.data!.myPersonalData.subject.id).toBe(ids.people["demo-student"].id);
    expect(res.data!.myPersonalData.items.length).toBeGreaterThan(10);
  });
});

describe("who may ask", () => {
  it("demo-parent-other cannot request demo-student's report: FORBIDDEN, and the refusal is audited", async () => {
    const student = ids.people["demo-student"];
    const res = await report("demo-parent-other", student.id, "other-parent-report");
    expect(res.data?.myPersonalData).toBeUndefined();
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    const refused = await system.orms.users.em.fork().find(AccessRecord, { correlationId: "other-parent-report" });
    expect(refused.map((r) => [r.subjectId, r.released, r.reason])).toEqual([[student.id, false, "NO_RELATIONSHIP"]]);
  });

  it("demo-teacher and demo-principal cannot ask for a student's report either", async () => {
    for (const login of ["demo-teacher", "demo-principal"] as const) {
      const res = await report(login, ids.people["demo-student"].id);
      expect(codes(res), login).toEqual(["FORBIDDEN"]);
    }
  });

  it("demo-dpo, with no open request of the child's and no legal basis, is refused in every purpose", async () => {
    const student = ids.people["demo-student-2"];
    for (const purpose of ["SELF_SERVICE", undefined]) {
      const res = await report("demo-dpo", student.id, undefined, { purpose });
      expect(codes(res), String(purpose)).toEqual(["FORBIDDEN"]);
    }
    // Each part, fetched straight from its subgraph, refuses the officer too (_entities).
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataReport { journalPart { items { value } } } } }`;
    const direct = await gql(
      system.subgraphUrls.journal,
      entities,
      { r: [{ __typename: "PersonalDataReport", subjectId: student.id }] },
      { token: tokens["demo-dpo"] },
    );
    expect(codes(direct)).toEqual(["FORBIDDEN"]);
    // Under LEGAL_REQUEST with a basis the report is given, and it is a disclosure.
    const legal = await report("demo-dpo", student.id, undefined, { purpose: "LEGAL_REQUEST", legalBasis: "Sud ajrimi 2-7/2026" });
    expect(legal.errors).toBeUndefined();
    expect(legal.data!.myPersonalData.items.length).toBeGreaterThan(10);
  });

  it("demo-dpo can while handling the child's open request, and that read is recorded and shown to the parent", async () => {
    const student = ids.people["demo-student"];
    const filed = await gql(
      system.gatewayUrl,
      doc("file-data-request"),
      { input: { subjectId: student.id, kind: "BLOCKING", fields: ["User.phone"], reason: "NOT_NEEDED" } },
      { token: tokens["demo-parent"] },
    );
    expect(filed.errors).toBeUndefined();
    // Every subgraph learns that the request is open (its part is checked there again).
    await system.relays.users.drain();
    const res = await report("demo-dpo", student.id, "dpo-report-read");
    expect(res.errors).toBeUndefined();
    expect(res.data!.myPersonalData.items.length).toBeGreaterThan(10);
    // Decided (refused): the officer no longer handles anything of the child's, and reads nothing.
    const requestId = filed.data.fileDataRequest.id;
    const decided = await gql(
      system.gatewayUrl,
      doc("decide-data-request"),
      { id: requestId, grant: false, note: "kept" },
      { token: tokens["demo-dpo"] },
    );
    expect(decided.errors).toBeUndefined();
    expect(codes(await report("demo-dpo", student.id))).toEqual(["FORBIDDEN"]);

    const later = await report("demo-parent", student.id);
    const dpoRead = later.data!.myPersonalData.accesses.find((a) => a.requestId === auditKey(res));
    expect(dpoRead).toMatchObject({ accessorId: ids.people["demo-dpo"].id, accessorRole: "DATA_PROTECTION_OFFICER" });
    expect(dpoRead!.fields).toEqual(expect.arrayContaining(["PersonalDataReport", "PersonalDataReport.journalPart"]));
  });

  it("the parts are not part of the public API, and a subgraph reached directly refuses a stranger's part", async () => {
    const intro = await gql(
      system.gatewayUrl,
      '{ __type(name: "PersonalDataReport") { fields { name } } }',
      {},
      { token: tokens["demo-parent"] },
    );
    expect(intro.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      "accesses",
      "disclosures",
      "items",
      "subject",
      "subjectId",
    ]);

    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataReport { journalPart { items { value } } } } }`;
    const representations = [{ __typename: "PersonalDataReport", subjectId: ids.people["demo-student"].id }];
    const stranger = await gql(system.subgraphUrls.journal, entities, { r: representations }, { token: tokens["demo-parent-other"] });
    expect(codes(stranger)).toEqual(["FORBIDDEN"]);
    const parent = await gql(system.subgraphUrls.journal, entities, { r: representations }, { token: tokens["demo-parent"] });
    expect(parent.errors).toBeUndefined();
    expect(parent.data._entities[0].journalPart.items.length).toBeGreaterThan(0);
  });
});

describe("legal disclosures", () => {
  const LEGAL = { purpose: "LEGAL_REQUEST", legalBasis: "Court order 2-115/2026", legalRecipient: "Chilonzor district court" };

  it("a read under LEGAL_REQUEST is a disclosure the subject sees, with recipient, basis and fields", async () => {
    const student = ids.people["demo-student"];
    const read = await gql(
      system.gatewayUrl,
      TEACHER_READ,
      { id: student.id },
      { token: tokens["demo-dpo"], ...LEGAL, requestId: "legal-1" },
    );
    expect(read.errors ?? []).toEqual([]);
    expect(read.data.user.fullName).toBe(student.values.fullName);

    const res = await report("demo-parent", student.id);
    const disclosures = res.data!.myPersonalData.disclosures;
    expect(disclosures).toHaveLength(1);
    expect(disclosures[0]).toMatchObject({
      recipient: "Chilonzor district court",
      purpose: "LEGAL_REQUEST",
      legalBasis: "Court order 2-115/2026",
      restricted: false,
    });
    expect(disclosures[0]!.fields).toEqual(expect.arrayContaining(["User.fullName", "User.phone", "User.grades"]));
  });

  it("a disclosure restricted by law is shown to the officer only, and its access is hidden from the subject too", async () => {
    const student = ids.people["demo-student"];
    const read = await gql(
      system.gatewayUrl,
      TEACHER_READ,
      { id: student.id },
      {
        token: tokens["demo-dpo"],
        ...LEGAL,
        legalRecipient: "State security service",
        legalRestricted: true,
        requestId: "legal-restricted",
      },
    );
    expect(read.errors ?? []).toEqual([]);

    const parentView = (await report("demo-parent", student.id)).data!.myPersonalData;
    expect(parentView.disclosures.map((d) => d.recipient)).toEqual(["Chilonzor district court"]);
    expect(parentView.accesses.some((a) => a.requestId === auditKey(read))).toBe(false);

    // The officer reads it under a legal request (their own read shows up as one more disclosure to the court).
    const officerView = (await report("demo-dpo", student.id, undefined, LEGAL)).data!.myPersonalData;
    const seen = new Set(officerView.disclosures.map((d) => JSON.stringify([d.recipient, d.restricted])));
    expect([...seen].sort()).toEqual([
      JSON.stringify(["Chilonzor district court", false]),
      JSON.stringify(["State security service", true]),
    ]);
  });

  it("only the data protection officer may declare LEGAL_REQUEST, and only with a basis", async () => {
    const id = ids.people["demo-student"].id;
    const teacher = await gql(system.gatewayUrl, TEACHER_READ, { id }, { token: tokens["demo-teacher"], ...LEGAL });
    expect(codes(teacher)).toEqual(["FORBIDDEN"]);
    const noBasis = await gql(system.gatewayUrl, TEACHER_READ, { id }, { token: tokens["demo-dpo"], purpose: "LEGAL_REQUEST" });
    expect(codes(noBasis)).toEqual(["FORBIDDEN"]);
  });
});
