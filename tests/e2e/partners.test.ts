/**
 * Integration partners through the gateway on the demo world: the operator (demo-ministry, ADMINISTRATION)
 * issues client credentials; a partner exchanges them for a token and reads what its scope and purposes
 * allow and nothing of another school (the "Done when" of issue 5); wrong secrets are throttled; rotation,
 * revocation (refused by every subgraph, also reached directly), the audit and the partner's own rate.
 */
import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../shared/audit/access-record.entity.js";
import { SESSION_REVOKED } from "../../shared/auth/revocations.js";
import { OutboxEvent } from "../../shared/events/outbox-event.entity.js";
import { Enrolment } from "../../subgraphs/institutions/entities/index.js";
import { PartnerClient, User } from "../../subgraphs/users/entities/index.js";
import { codes, doc, gql, signIn, type CallOptions, type GqlResponse } from "../support/client.js";
import { countedGateway, type CountedGateway } from "../support/gateway-front.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const CREATE = doc("create-partner-client");
const ROTATE = doc("rotate-partner-secret");
const REVOKE = doc("revoke-partner-client");
const LIST = doc("partner-clients");
const TOKEN = doc("partner-token");
const ATTENDANCE_REPORT = doc("attendance-report");
const GRADE_REPORT = doc("grade-report");
const CLASS_JOURNAL = doc("class-journal");
const CLASS_STUDENTS = doc("class-students");
const MY_PERSONAL_DATA = doc("my-personal-data");
const USER = "query($id: ID!) { user(id: $id) { id fullName birthDate phone pinfl guardians { id } } }";
const TERM = { from: "2026-09-01", to: "2026-12-31" };
const MAX_FAILURES = 3;

let system: TestSystem;
let ids: DemoIds;
let chilonzor: string;
let yunusobod: string;
let chilonzorTumani: string;
let yunusobodTumani: string;
/** A student of Yunusobod 2-maktab (7-A): the other school's people. */
let otherStudent: string;

const person = (login: DemoLogin): string => ids.people[login].id;
const as = async (login: DemoLogin, purpose?: string): Promise<CallOptions> => ({ token: await signIn(system.gatewayUrl, login), purpose });
const operator = (): Promise<CallOptions> => as("demo-ministry", "ADMINISTRATION");

interface Credentials {
  clientId: string;
  clientSecret: string;
}

interface Terms {
  name?: string;
  purposes: string[];
  scope: { level: string; unitId?: string };
  ratePerMinute?: number;
}

const input = (terms: Terms): Record<string, unknown> => ({ name: "Test integration", ratePerMinute: 600, ...terms });

async function createPartner(terms: Terms): Promise<Credentials> {
  const res = await gql(system.gatewayUrl, CREATE, { input: input(terms) }, await operator());
  expect(res.errors).toBeUndefined();
  return { clientId: res.data.createPartnerClient.clientId, clientSecret: res.data.createPartnerClient.clientSecret };
}

const requestToken = (clientId: string, clientSecret: string): Promise<GqlResponse> =>
  gql(system.gatewayUrl, TOKEN, { clientId, clientSecret });

async function tokenOf(credentials: Credentials): Promise<string> {
  const res = await requestToken(credentials.clientId, credentials.clientSecret);
  expect(res.errors).toBeUndefined();
  return res.data.partnerToken.accessToken as string;
}

const report = (query: string, scope: Record<string, string>, options: CallOptions): Promise<GqlResponse> =>
  gql(system.gatewayUrl, query, { scope, groupBy: "CLASS", ...TERM }, options);

/** Polls until the audit of `subgraph` has the partner's row for `subjectId` (written as the response leaves). */
async function auditRows(subgraph: "users" | "journal", where: Record<string, unknown>): Promise<AccessRecord[]> {
  for (const deadline = Date.now() + 3000; Date.now() < deadline;) {
    const rows = await system.orms[subgraph].em.fork().find(AccessRecord, where);
    if (rows.length > 0) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return [];
}

beforeAll(async () => {
  system = await startTestSystem({ SIGNIN_DELAY_MS: "0", SIGNIN_MAX_FAILURES: String(MAX_FAILURES) });
  ids = await demoIds(system);
  chilonzor = ids.schools["Chilonzor 1-maktab"]!;
  yunusobod = ids.schools["Yunusobod 2-maktab"]!;
  const districts = await gql(
    system.gatewayUrl,
    "query($a: ID!, $b: ID!) { a: school(id: $a) { district { id } } b: school(id: $b) { district { id } } }",
    { a: chilonzor, b: yunusobod },
    await as("demo-teacher"),
  );
  chilonzorTumani = districts.data.a.district.id;
  yunusobodTumani = districts.data.b.district.id;
  otherStudent = (await system.orms.institutions.em.fork().findOneOrFail(Enrolment, { classId: ids.classes["7-A"] })).studentId;
});
afterAll(async () => {
  await system?.stop();
});

describe("administration: the operator only", () => {
  it("anyone but a ministry official declaring ADMINISTRATION gets FORBIDDEN, and nothing is written", async () => {
    const before = await system.orms.users.em.fork().count(PartnerClient, {});
    const somebody = randomUUID();
    const callers: Array<[DemoLogin, string | undefined]> = [
      ["demo-ministry", "REPORTING"],
      ["demo-principal", "ADMINISTRATION"],
      ["demo-district", "ADMINISTRATION"],
      ["demo-region", "ADMINISTRATION"],
      ["demo-dpo", undefined],
      ["demo-teacher", undefined],
      ["demo-parent", undefined],
    ];
    for (const [login, purpose] of callers) {
      const options = await as(login, purpose);
      const create = await gql(
        system.gatewayUrl,
        CREATE,
        { input: input({ purposes: ["REPORTING"], scope: { level: "MINISTRY" } }) },
        options,
      );
      expect(codes(create), `${login} creates`).toEqual(["FORBIDDEN"]);
      expect(codes(await gql(system.gatewayUrl, LIST, {}, options)), `${login} lists`).toEqual(["FORBIDDEN"]);
      expect(codes(await gql(system.gatewayUrl, ROTATE, { clientId: somebody }, options)), `${login} rotates`).toEqual(["FORBIDDEN"]);
      expect(codes(await gql(system.gatewayUrl, REVOKE, { clientId: somebody }, options)), `${login} revokes`).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await gql(system.gatewayUrl, LIST))).toEqual(["UNAUTHENTICATED"]);
    expect(await system.orms.users.em.fork().count(PartnerClient, {})).toBe(before);
  });

  it("the secret is shown once: only its scrypt hash is kept, and the list carries no secret", async () => {
    const res = await gql(
      system.gatewayUrl,
      CREATE,
      {
        input: input({
          name: "Chilonzor 1-maktab — hisobotlar",
          purposes: ["REPORTING"],
          scope: { level: "SCHOOL", unitId: chilonzor },
          ratePerMinute: 120,
        }),
      },
      await operator(),
    );
    expect(res.errors).toBeUndefined();
    const created = res.data.createPartnerClient;
    expect(created.clientSecret).toMatch(/^emps_[A-Za-z0-9_-]{43}$/);
    expect(created.client).toEqual({
      clientId: created.clientId,
      name: "Chilonzor 1-maktab — hisobotlar",
      purposes: ["REPORTING"],
      scope: { level: "SCHOOL", unitId: chilonzor },
      ratePerMinute: 120,
      createdById: person("demo-ministry"),
      active: true,
    });
    const row = await system.orms.users.em.fork().findOneOrFail(PartnerClient, created.clientId);
    expect(row.secretHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.secretHash).not.toContain(created.clientSecret);

    const list = await gql(system.gatewayUrl, LIST, {}, await operator());
    expect(list.errors).toBeUndefined();
    expect(list.data.partnerClients.find((c: { clientId: string }) => c.clientId === created.clientId)).toMatchObject({
      active: true,
      revokedAt: null,
    });
    expect(JSON.stringify(list.data)).not.toContain(created.clientSecret);
    const fields = await gql(system.gatewayUrl, '{ __type(name: "PartnerClient") { fields { name } } }');
    expect(fields.data.__type.fields.map((f: { name: string }) => f.name).filter((n: string) => /secret/i.test(n))).toEqual([
      "secretRotatedAt",
    ]);
  });

  it("terms are checked: purposes the scope allows, a unit of the scope's level, a rate of 1..600", async () => {
    const bad: Terms[] = [
      { purposes: ["JOURNAL"], scope: { level: "DISTRICT", unitId: chilonzorTumani } },
      { purposes: ["ADMINISTRATION"], scope: { level: "SCHOOL", unitId: chilonzor } },
      { purposes: ["LEGAL_REQUEST"], scope: { level: "MINISTRY" } },
      { purposes: [], scope: { level: "SCHOOL", unitId: chilonzor } },
      { purposes: ["REPORTING"], scope: { level: "SCHOOL" } },
      { purposes: ["REPORTING"], scope: { level: "MINISTRY", unitId: chilonzor } },
      { purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: "not-an-id" } },
      { purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor }, ratePerMinute: 0 },
      { purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor }, ratePerMinute: 601 },
      { name: "  ", purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor } },
    ];
    for (const terms of bad) {
      const res = await gql(system.gatewayUrl, CREATE, { input: input(terms) }, await operator());
      expect(codes(res), JSON.stringify(terms)).toEqual(["BAD_USER_INPUT"]);
    }
  });
});

describe("the token endpoint", () => {
  it("gives a short-lived token whose claims say partner: the client id, its scope, purposes and rate", async () => {
    const credentials = await createPartner({
      purposes: ["JOURNAL", "REPORTING"],
      scope: { level: "SCHOOL", unitId: chilonzor },
      ratePerMinute: 90,
    });
    const res = await requestToken(credentials.clientId, credentials.clientSecret);
    expect(res.errors).toBeUndefined();
    expect(res.data.partnerToken).toMatchObject({
      tokenType: "Bearer",
      purposes: ["JOURNAL", "REPORTING"],
      scope: { level: "SCHOOL", unitId: chilonzor },
      ratePerMinute: 90,
    });
    const claims = decodeJwt(res.data.partnerToken.accessToken);
    expect(claims).toMatchObject({
      sub: credentials.clientId,
      sid: credentials.clientId,
      role: "INTEGRATION_PARTNER",
      org: { schoolId: chilonzor },
      purposes: ["JOURNAL", "REPORTING"],
      rate: 90,
      classes: [],
      children: [],
    });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(Math.floor(new Date(res.data.partnerToken.expiresAt).getTime() / 1000)).toBe(claims.exp);
  });

  it("a wrong secret or an unknown client is UNAUTHENTICATED; after SIGNIN_MAX_FAILURES the client is locked, right secret or not", async () => {
    const credentials = await createPartner({ purposes: ["REPORTING"], scope: { level: "MINISTRY" } });
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(codes(await requestToken(credentials.clientId, `${credentials.clientSecret}x`))).toEqual(["UNAUTHENTICATED"]);
    }
    const locked = await requestToken(credentials.clientId, credentials.clientSecret);
    expect(codes(locked)).toEqual(["RATE_LIMITED"]);
    expect(locked.status).toBe(429);
    // Another client from the same address is not locked by it.
    const other = await createPartner({ purposes: ["REPORTING"], scope: { level: "MINISTRY" } });
    expect(codes(await requestToken(other.clientId, other.clientSecret))).toEqual([]);
    expect(codes(await requestToken(randomUUID(), credentials.clientSecret))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await requestToken("not-a-client", "emps_x"))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("a REPORTING partner of Chilonzor 1-maktab", () => {
  let options: CallOptions;
  beforeAll(async () => {
    options = { token: await tokenOf(await createPartner({ purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor } })) };
  });

  it("reads its school's reports, the same figures its school admin gets (REPORTING is its default purpose)", async () => {
    for (const query of [ATTENDANCE_REPORT, GRADE_REPORT]) {
      const mine = await report(query, { schoolId: chilonzor }, options);
      expect(mine.errors).toBeUndefined();
      const rows = Object.values(mine.data)[0] as Array<{ unitName: string }>;
      expect(rows.map((r) => r.unitName).sort()).toEqual([
        "11-V (Chilonzor 1-maktab)",
        "5-A (Chilonzor 1-maktab)",
        "5-B (Chilonzor 1-maktab)",
      ]);
      const principal = await report(query, { schoolId: chilonzor }, await as("demo-principal", "REPORTING"));
      expect(mine.data).toEqual(principal.data);
      const fiveA = await report(query, { classId: ids.classes["5-A"]! }, { ...options, purpose: "REPORTING" });
      expect(fiveA.errors).toBeUndefined();
    }
  });

  it("gets FORBIDDEN for Yunusobod's school, class and district, and for the district around its own school", async () => {
    const outside = [
      { schoolId: yunusobod },
      { classId: ids.classes["7-A"]! },
      { districtId: chilonzorTumani },
      { districtId: yunusobodTumani },
    ];
    for (const scope of outside) {
      for (const query of [ATTENDANCE_REPORT, GRADE_REPORT]) {
        const res = await gql(system.gatewayUrl, query, { scope, groupBy: "CLASS", ...TERM }, options);
        expect(codes(res), JSON.stringify(scope)).toEqual(["FORBIDDEN"]);
        expect(res.data ?? null).toBeNull();
      }
    }
  });

  it("a purpose outside its list is FORBIDDEN, and under REPORTING it relates to no person", async () => {
    for (const purpose of ["JOURNAL", "ADMINISTRATION", "SELF_SERVICE", "LEGAL_REQUEST"]) {
      const res = await report(ATTENDANCE_REPORT, { schoolId: chilonzor }, { ...options, purpose, legalBasis: "x" });
      expect(codes(res), purpose).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await gql(system.gatewayUrl, USER, { id: person("demo-student") }, options))).toEqual(["FORBIDDEN"]);
    const students = await gql(system.gatewayUrl, CLASS_STUDENTS, { id: ids.classes["5-A"] }, options);
    expect(students.data.schoolClass.students).toBeNull();
    expect(codes(students)).toEqual(["PERSONAL_DATA_WITHHELD"]);
  });

  it("a district partner reads its district and not Yunusobod's", async () => {
    const district = {
      token: await tokenOf(await createPartner({ purposes: ["REPORTING"], scope: { level: "DISTRICT", unitId: chilonzorTumani } })),
    };
    const own = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope: { districtId: chilonzorTumani }, groupBy: "SCHOOL", ...TERM },
      district,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data.attendanceReport.map((r: { unitId: string }) => r.unitId)).toContain(chilonzor);
    const other = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope: { districtId: yunusobodTumani }, groupBy: "SCHOOL", ...TERM },
      district,
    );
    expect(codes(other)).toEqual(["FORBIDDEN"]);
    expect(
      codes(await gql(system.gatewayUrl, ATTENDANCE_REPORT, { scope: { schoolId: yunusobod }, groupBy: "SCHOOL", ...TERM }, district)),
    ).toEqual(["FORBIDDEN"]);
  });
});

describe("a JOURNAL partner of Chilonzor 1-maktab (the school's own integration)", () => {
  let credentials: Credentials;
  let options: CallOptions;
  beforeAll(async () => {
    credentials = await createPartner({ purposes: ["JOURNAL"], scope: { level: "SCHOOL", unitId: chilonzor } });
    options = { token: await tokenOf(credentials) };
  });
  const journal = (classId: string, subjectId: string, opts: CallOptions): Promise<GqlResponse> =>
    gql(system.gatewayUrl, CLASS_JOURNAL, { classId, subjectId, ...TERM }, opts);

  it("reads its school's class journal: names, marks, attendance, with illness shown as an excused absence", async () => {
    const mine = await journal(ids.classes["5-A"]!, ids.subjects["Matematika"]!, options);
    expect(mine.errors).toBeUndefined();
    const rows = mine.data.classJournal.rows as Array<{
      student: { fullName: string };
      grades: unknown[];
      attendance: Array<{ status: string }>;
    }>;
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(rows.every((r) => r.student.fullName)).toBe(true);
    expect(rows.some((r) => r.grades.length > 0)).toBe(true);
    const principal = await journal(ids.classes["5-A"]!, ids.subjects["Matematika"]!, await as("demo-principal", "JOURNAL"));
    const statuses = (data: typeof mine.data): string[] =>
      data.classJournal.rows.flatMap((r: (typeof rows)[number]) => r.attendance.map((a) => a.status));
    expect(statuses(principal.data)).toContain("ILLNESS");
    expect(statuses(mine.data)).not.toContain("ILLNESS");
    expect(statuses(mine.data)).toEqual(statuses(principal.data).map((s) => (s === "ILLNESS" ? "ABSENT_EXCUSED" : s)));
  });

  it("reads a pupil's name but not their birth date, phone, PINFL or parents; a colleague's name; no parent at all", async () => {
    const student = await gql(system.gatewayUrl, USER, { id: person("demo-student") }, options);
    expect(student.data.user).toMatchObject({ id: person("demo-student"), birthDate: null, phone: null, pinfl: null, guardians: null });
    expect(student.data.user.fullName).toBeTruthy();
    const withheld = (student.errors ?? []).map((e) => [e.path?.join("."), e.extensions?.code, e.extensions?.reason]);
    expect(withheld.sort()).toEqual(
      [
        ["user.birthDate", "PERSONAL_DATA_WITHHELD", "ROLE_NOT_ALLOWED"],
        ["user.phone", "PERSONAL_DATA_WITHHELD", "ROLE_NOT_ALLOWED"],
        ["user.pinfl", "PERSONAL_DATA_WITHHELD", "ROLE_NOT_ALLOWED"],
        ["user.guardians", "PERSONAL_DATA_WITHHELD", "ROLE_NOT_ALLOWED"],
      ].sort(),
    );
    const teacher = await gql(system.gatewayUrl, "query($id: ID!) { user(id: $id) { fullName } }", { id: person("demo-teacher") }, options);
    expect(teacher.errors).toBeUndefined();
    expect(teacher.data.user.fullName).toBeTruthy();
    expect(codes(await gql(system.gatewayUrl, USER, { id: person("demo-parent") }, options))).toEqual(["FORBIDDEN"]);
  });

  it("reads nothing of Yunusobod 2-maktab: its journal and people are FORBIDDEN, its class list withheld", async () => {
    const other = await journal(ids.classes["7-A"]!, ids.subjects["Matematika"]!, options);
    expect(codes(other)).toEqual(["FORBIDDEN"]);
    expect(other.data ?? null).toBeNull();
    for (const id of [otherStudent, person("demo-teacher-other")]) {
      const res = await gql(system.gatewayUrl, USER, { id }, options);
      expect(codes(res)).toEqual(["FORBIDDEN"]);
      expect(res.data?.user ?? null).toBeNull();
    }
    const students = await gql(system.gatewayUrl, CLASS_STUDENTS, { id: ids.classes["7-A"] }, options);
    expect(students.data.schoolClass.students).toBeNull();
    expect(codes(students)).toEqual(["PERSONAL_DATA_WITHHELD"]);
    expect(codes(await report(ATTENDANCE_REPORT, { schoolId: chilonzor }, options))).toEqual(["FORBIDDEN"]);
  });

  it("reached directly, no subgraph gives anything of a Yunusobod pupil either; the own school's pupil by the same calls", async () => {
    const entities = (fields: string): string => `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id ${fields} } } }`;
    const fields = {
      users: "fullName phone pinfl",
      institutions: "school { name } schoolClass { name }",
      journal: "grades { value } attendance { status }",
    } as const;
    const stored = await system.orms.users.em.fork().findOneOrFail(User, otherStudent);
    const secrets = [stored.fullName, stored.phone, stored.pinfl, "Yunusobod", "7-A"].filter((v): v is string => !!v);
    for (const [name, selection] of Object.entries(fields) as Array<[keyof typeof fields, string]>) {
      const res = await gql(
        system.subgraphUrls[name],
        entities(selection),
        { r: [{ __typename: "User", id: otherStudent }] },
        { ...options, purpose: "JOURNAL" },
      );
      const entity = (res.data?._entities?.[0] ?? null) as Record<string, unknown> | null;
      for (const [field, value] of Object.entries(entity ?? {})) {
        if (field !== "id") expect(value === null || (Array.isArray(value) && value.length === 0), `${name} ${field}`).toBe(true);
      }
      const json = JSON.stringify(res);
      expect(
        secrets.filter((v) => json.includes(v)),
        name,
      ).toEqual([]);

      const own = await gql(
        system.subgraphUrls[name],
        entities(selection),
        { r: [{ __typename: "User", id: person("demo-student") }] },
        { ...options, purpose: "JOURNAL" },
      );
      const mine = own.data._entities[0] as Record<string, unknown>;
      const released = Object.entries(mine).filter(
        ([field, value]) => field !== "id" && value !== null && !(Array.isArray(value) && value.length === 0),
      );
      expect(released.length, `${name}: the own school's pupil`).toBeGreaterThan(0);
    }
  });

  it("never writes, is no person, and may not declare ADMINISTRATION or LEGAL_REQUEST", async () => {
    const write = await gql(
      system.gatewayUrl,
      doc("record-grades"),
      { input: { lessonId: randomUUID(), kind: "CURRENT", entries: [{ studentId: person("demo-student"), value: 5 }] } },
      options,
    );
    expect(codes(write)).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(system.gatewayUrl, "{ me { id } }", {}, options))).toEqual(["FORBIDDEN"]);
    for (const purpose of ["ADMINISTRATION", "LEGAL_REQUEST", "REPORTING"]) {
      const res = await gql(system.gatewayUrl, USER, { id: person("demo-student") }, { ...options, purpose, legalBasis: "x" });
      expect(codes(res), purpose).toEqual(["FORBIDDEN"]);
    }
  });

  it("its reads are audited under its client id and role, and the parent sees them in myPersonalData", async () => {
    const requestId = `partner-audit-${randomUUID()}`;
    await gql(system.gatewayUrl, USER, { id: person("demo-student") }, { ...options, requestId });
    await journal(ids.classes["5-A"]!, ids.subjects["Matematika"]!, { ...options, requestId });
    // The client's X-Request-Id is a correlation id (each request gets its own audit key at the gateway).
    const users = await auditRows("users", { correlationId: requestId, subjectId: person("demo-student") });
    // One row per subject and outcome per statement batch: the journal's names come in a second batch of users.
    const outcomes = new Set(users.map((r) => JSON.stringify([r.accessorId, r.accessorRole, r.purpose, r.released])));
    expect([...outcomes].map((o) => JSON.parse(o) as unknown[]).sort()).toEqual(
      [
        [credentials.clientId, "INTEGRATION_PARTNER", "JOURNAL", false],
        [credentials.clientId, "INTEGRATION_PARTNER", "JOURNAL", true],
      ].sort(),
    );
    expect(users.find((r) => r.released)!.fields.split(",")).toContain("User.fullName");
    expect(users.find((r) => !r.released)!.fields.split(",")).toEqual(expect.arrayContaining(["User.phone", "User.pinfl"]));
    const journalRows = await auditRows("journal", { correlationId: requestId, subjectId: person("demo-student"), released: true });
    expect(journalRows[0]).toMatchObject({ accessorId: credentials.clientId, accessorRole: "INTEGRATION_PARTNER" });

    const refusedId = `partner-refused-${randomUUID()}`;
    await gql(system.gatewayUrl, USER, { id: otherStudent }, { ...options, requestId: refusedId });
    const refused = await auditRows("users", { correlationId: refusedId });
    expect(refused.map((r) => [r.accessorId, r.subjectId, r.released, r.reason])).toEqual([
      [credentials.clientId, otherStudent, false, "NO_RELATIONSHIP"],
    ]);

    const seen = await gql(system.gatewayUrl, MY_PERSONAL_DATA, { subjectId: person("demo-student") }, await as("demo-parent"));
    expect(seen.errors).toBeUndefined();
    const byPartner = seen.data.myPersonalData.accesses.filter((a: { accessorId: string }) => a.accessorId === credentials.clientId);
    expect(byPartner.length).toBeGreaterThan(0);
    expect(
      byPartner.every(
        (a: { accessorRole: string; purpose: string }) => a.accessorRole === "INTEGRATION_PARTNER" && a.purpose === "JOURNAL",
      ),
    ).toBe(true);
  });
});

describe("rotation and revocation", () => {
  it("rotation: the old secret stops at once, the new one works, a token issued before runs out on its own", async () => {
    const credentials = await createPartner({ purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor } });
    const before = { token: await tokenOf(credentials) };
    const res = await gql(system.gatewayUrl, ROTATE, { clientId: credentials.clientId }, await operator());
    expect(res.errors).toBeUndefined();
    const rotated = res.data.rotatePartnerSecret;
    expect(rotated.clientId).toBe(credentials.clientId);
    expect(rotated.clientSecret).not.toBe(credentials.clientSecret);
    expect(rotated.client.secretRotatedAt).toBeTruthy();
    expect(codes(await requestToken(credentials.clientId, credentials.clientSecret))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await requestToken(credentials.clientId, rotated.clientSecret))).toEqual([]);
    expect((await report(ATTENDANCE_REPORT, { schoolId: chilonzor }, before)).errors).toBeUndefined();
  });

  it("revocation ends the client's tokens in every subgraph, through the gateway and directly, and no new one is issued", async () => {
    const credentials = await createPartner({ purposes: ["JOURNAL", "REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor } });
    const token = await tokenOf(credentials);
    const calls: Array<[string, string, string, Record<string, unknown>, string?]> = [
      ["gateway users", system.gatewayUrl, "query($id: ID!) { user(id: $id) { fullName } }", { id: person("demo-student") }, "JOURNAL"],
      ["gateway journal", system.gatewayUrl, ATTENDANCE_REPORT, { scope: { schoolId: chilonzor }, groupBy: "CLASS", ...TERM }, "REPORTING"],
      ["users", system.subgraphUrls.users, "{ __typename }", {}],
      [
        "institutions",
        system.subgraphUrls.institutions,
        "query($id: ID!) { schoolClass(id: $id) { students { id } } }",
        { id: ids.classes["5-A"] },
        "JOURNAL",
      ],
      ["journal", system.subgraphUrls.journal, "{ __typename }", {}],
      ["notifications", system.subgraphUrls.notifications, "{ __typename }", {}],
    ];
    const everywhere = async (): Promise<Record<string, string[]>> => {
      const results = await Promise.all(calls.map(([, url, query, variables, purpose]) => gql(url, query, variables, { token, purpose })));
      return Object.fromEntries(calls.map(([label], i) => [label, codes(results[i]!)]));
    };
    expect(await everywhere()).toEqual(Object.fromEntries(calls.map(([label]) => [label, []])));

    const revoked = await gql(system.gatewayUrl, REVOKE, { clientId: credentials.clientId }, await operator());
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokePartnerClient).toMatchObject({ clientId: credentials.clientId, active: false });
    expect(revoked.data.revokePartnerClient.revokedAt).toBeTruthy();
    const events = await system.orms.users.em.fork().find(OutboxEvent, { topic: SESSION_REVOKED });
    expect(events.filter((e) => e.payload.sid === credentials.clientId)).toHaveLength(1);
    await system.relays.users.drain();

    expect(await everywhere()).toEqual(Object.fromEntries(calls.map(([label]) => [label, ["UNAUTHENTICATED"]])));
    expect(codes(await requestToken(credentials.clientId, credentials.clientSecret))).toEqual(["UNAUTHENTICATED"]);
    // Revoking again changes nothing; a revoked client gets no new secret.
    const again = await gql(system.gatewayUrl, REVOKE, { clientId: credentials.clientId }, await operator());
    expect(again.data.revokePartnerClient.revokedAt).toBe(revoked.data.revokePartnerClient.revokedAt);
    expect(codes(await gql(system.gatewayUrl, ROTATE, { clientId: credentials.clientId }, await operator()))).toEqual(["BAD_USER_INPUT"]);
    const active = await gql(system.gatewayUrl, LIST, { includeRevoked: false }, await operator());
    expect(active.data.partnerClients.map((c: { clientId: string }) => c.clientId)).not.toContain(credentials.clientId);
    expect(codes(await gql(system.gatewayUrl, REVOKE, { clientId: randomUUID() }, await operator()))).toEqual(["NOT_FOUND"]);
  });
});

describe("the partner's rate", () => {
  let front: CountedGateway;
  afterAll(async () => {
    await front?.close();
  });

  it("the gateway admits ratePerMinute requests of its tokens, then RATE_LIMITED before any subgraph; others go on", async () => {
    front = await countedGateway(system);
    const slow = {
      token: await tokenOf(
        await createPartner({ purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor }, ratePerMinute: 3 }),
      ),
    };
    const other = {
      token: await tokenOf(
        await createPartner({ purposes: ["REPORTING"], scope: { level: "SCHOOL", unitId: chilonzor }, ratePerMinute: 3 }),
      ),
    };
    const call = (options: CallOptions): Promise<GqlResponse> =>
      gql(front.url, ATTENDANCE_REPORT, { scope: { schoolId: chilonzor }, groupBy: "SCHOOL", ...TERM }, options);
    for (let i = 0; i < 3; i++) expect(codes(await call(slow))).toEqual([]);
    const hits = front.subgraphHits();
    const limited = await call(slow);
    expect(codes(limited)).toEqual(["RATE_LIMITED"]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(front.subgraphHits()).toBe(hits);
    expect(codes(await call(other))).toEqual([]);
  });
});
