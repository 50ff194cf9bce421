/**
 * Issue 12, points 1, 2, 3, 5 and 6, as the attacks were made: through the gateway, as a curious parent, a
 * teacher, an official and the data protection officer, each shown refused (and, where it applies, the same
 * attack straight at a subgraph). The shared mechanism under test: DPO_HANDLING and report access
 * (shared/auth/relationships.ts, shared/privacy/report-access.ts), restricted disclosures
 * (shared/privacy/audit-trail.ts), claims generations (shared/auth/claims-generation.ts), User.login and
 * withObject fields (shared/auth/enforce.ts), the gateway's audit key (shared/auth/caller.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../shared/audit/access-record.entity.js";
import { addDays, tashkentDay } from "../../shared/days.js";
import { CorrectionMessage } from "../../subgraphs/users/entities/index.js";
import { codes, doc, gql, signIn, type CallOptions, type GqlResponse } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { LINK_GUARDIAN, UNLINK_GUARDIAN } from "../graphql/guardians.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const DPO_READ = doc("dpo-read-student");
const REPORT = doc("my-personal-data");
const FILE = doc("file-data-request");
const DECIDE = doc("decide-data-request");
const STEPS = doc("data-request-steps");
const CHILD = doc("child-pinfl-grades");
const SIGN_IN = doc("sign-in");
const REFRESH = doc("refresh-session");
const HOMEROOM_LOGIN = doc("class-homeroom-login");
const LESSONS_LOGIN = doc("lessons-teacher-login");
const TIMELINESS_LOGIN = doc("timeliness-teacher-login");
const ROLE_GUARDIANS = doc("user-role-guardians");
const END_ENROLMENT = doc("end-enrolment");
const END_EMPLOYMENT = doc("end-employment");

let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = ["demo-parent", "demo-teacher", "demo-principal", "demo-dpo", "demo-district"];

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  for (const login of LOGINS) tokens[login] = await signIn(system.gatewayUrl, login);
});
afterAll(async () => {
  await system?.stop();
});

const id = (login: DemoLogin): string => ids.people[login].id;
const call = (query: string, variables: Record<string, unknown>, options: CallOptions): Promise<GqlResponse> =>
  gql(system.gatewayUrl, query, variables, options);
const as = (login: DemoLogin, extra: Omit<CallOptions, "token"> = {}): CallOptions => ({ token: tokens[login], ...extra });
/** Every event written so far has reached every consumer (the in-process bus awaits them). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await system.relays.institutions.drain();
    await system.relays.users.drain();
  }
}
/** The gateway's audit key of a response. */
const auditKey = (res: GqlResponse): string => res.headers.get("x-audit-request-id")!;

/** The access rows of one gateway request in every subgraph (the audit is written as each response leaves). */
async function rowsOf(res: GqlResponse): Promise<AccessRecord[]> {
  const key = auditKey(res);
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  // The audit is written as each subgraph's response leaves, just before the gateway answers.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const all = await Promise.all(
    (["users", "institutions", "journal", "notifications"] as const).map((s) =>
      system.orms[s].em.fork().find(AccessRecord, { requestId: key }),
    ),
  );
  return all.flat();
}
const fieldsOf = (rows: AccessRecord[], subjectId: string): string[] =>
  rows.filter((r) => r.subjectId === subjectId && r.released).flatMap((r) => r.fields.split(","));

describe("1. the data protection officer reads a person only while handling their request, or under a legal basis", () => {
  it("with no open request, the officer gets nothing of demo-student in SELF_SERVICE: user(id) and the report are FORBIDDEN", async () => {
    const read = await call(DPO_READ, { id: id("demo-student") }, as("demo-dpo"));
    expect(read.data?.user ?? null).toBeNull();
    expect(codes(read)).toEqual(["FORBIDDEN"]);
    const report = await call(REPORT, { subjectId: id("demo-student") }, as("demo-dpo"));
    expect(codes(report)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(report.data ?? {})).not.toContain(ids.people["demo-student"].values.pinfl!);
  });

  it("while the parent's request is open the officer reads the child (audited); once decided, no longer", async () => {
    const filed = await call(
      FILE,
      { input: { subjectId: id("demo-student"), kind: "BLOCKING", fields: ["User.phone"], reason: "NOT_NEEDED" } },
      as("demo-parent"),
    );
    expect(filed.errors).toBeUndefined();
    await settle();
    const read = await call(DPO_READ, { id: id("demo-student") }, as("demo-dpo"));
    expect(read.errors).toBeUndefined();
    expect(read.data.user.pinfl).toBe(ids.people["demo-student"].values.pinfl);
    expect(fieldsOf(await rowsOf(read), id("demo-student"))).toEqual(expect.arrayContaining(["User.pinfl", "User.fullName"]));
    // The officer's queue names the child; a person without an open request is not in it.
    const queue = await call(STEPS, {}, as("demo-dpo"));
    const subjects = new Set(queue.data.dataRequests.map((r: { subjectId: string }) => r.subjectId));
    expect(subjects).toEqual(new Set([id("demo-student")]));

    const decided = await call(DECIDE, { id: filed.data.fileDataRequest.id, grant: false, note: "needed for the journal" }, as("demo-dpo"));
    expect(decided.errors).toBeUndefined();
    await settle();
    expect(codes(await call(DPO_READ, { id: id("demo-student") }, as("demo-dpo")))).toEqual(["FORBIDDEN"]);
    expect(codes(await call(STEPS, { subjectId: id("demo-student") }, as("demo-dpo")))).toEqual(["FORBIDDEN"]);
    // Straight at the journal: the officer's token gets no grade of the child either.
    const direct = await gql(system.subgraphUrls.journal, doc("user-grades"), { id: id("demo-student") }, as("demo-dpo"));
    expect(JSON.stringify(direct.data ?? {})).not.toMatch(/"value":\d/);
  });

  it("under LEGAL_REQUEST with a basis the officer reads it, as a disclosure; without the basis the request is refused", async () => {
    const noBasis = await call(DPO_READ, { id: id("demo-student") }, as("demo-dpo", { purpose: "LEGAL_REQUEST" }));
    expect(codes(noBasis)).toEqual(["FORBIDDEN"]);
    const legal = await call(
      DPO_READ,
      { id: id("demo-student") },
      as("demo-dpo", { purpose: "LEGAL_REQUEST", legalBasis: "Sud ajrimi 2-44/2026" }),
    );
    expect(legal.errors).toBeUndefined();
    const rows = await rowsOf(legal);
    expect(rows.filter((r) => r.released).map((r) => [r.purpose, r.legalBasis])).toEqual([["LEGAL_REQUEST", "Sud ajrimi 2-44/2026"]]);
  });
});

describe("2. a restricted legal disclosure stays hidden from the subject", () => {
  const RESTRICTED = {
    purpose: "LEGAL_REQUEST",
    legalBasis: "Tergov so'rovi 7/2026",
    legalRecipient: "Davlat xavfsizlik xizmati",
    legalRestricted: true,
  };

  it("after a restricted read of the phone, the parent's rectification shows no trace of it; the officer sees it", async () => {
    const child = id("demo-student");
    const read = await call(DPO_READ, { id: child }, as("demo-dpo", RESTRICTED));
    expect(read.errors).toBeUndefined();

    const filed = await call(
      FILE,
      {
        input: {
          subjectId: child,
          kind: "RECTIFICATION",
          fields: ["User.phone"],
          reason: "OUTDATED",
          corrections: [{ field: "User.phone", value: "+998901112233" }],
        },
      },
      as("demo-parent"),
    );
    expect(filed.errors).toBeUndefined();
    const granted = await call(DECIDE, { id: filed.data.fileDataRequest.id, grant: true }, as("demo-principal"));
    expect(granted.errors).toBeUndefined();

    // The message to the authority was recorded, for the officer to send, marked restricted.
    const messages = await system.orms.users.em.fork().find(CorrectionMessage, { dataRequestId: filed.data.fileDataRequest.id });
    // (The officer's earlier open legal read of the phone is owed one too, and that one the subject may see.)
    expect(messages.map((m) => [m.recipient, m.restricted]).sort()).toEqual([
      ["Davlat xavfsizlik xizmati", true],
      ["Sud ajrimi 2-44/2026", false],
    ]);

    // The parent, the principal who decided and the subject see no step about it, nor the authority's name.
    for (const login of ["demo-parent", "demo-principal"] as const) {
      const view = await call(STEPS, { subjectId: child }, as(login));
      expect(view.errors, login).toBeUndefined();
      const mine = view.data.dataRequests.find((r: { id: string }) => r.id === filed.data.fileDataRequest.id);
      const external = mine.steps.filter((s: { kind: string }) => s.kind === "EXTERNAL_RECIPIENT_MESSAGED");
      expect(
        external.map((s: { detail: string }) => s.detail),
        login,
      ).toEqual(["Sud ajrimi 2-44/2026: User.phone"]);
      expect(JSON.stringify(view.data), login).not.toContain("Davlat xavfsizlik");
      expect(JSON.stringify(view.data), login).not.toContain("Tergov");
    }
    expect(JSON.stringify(granted.data)).not.toContain("Davlat xavfsizlik");
    const report = await call(REPORT, { subjectId: child }, as("demo-parent"));
    expect(JSON.stringify(report.data)).not.toContain("Davlat xavfsizlik");
    expect(report.data.myPersonalData.accesses.some((a: { requestId: string }) => a.requestId === auditKey(read))).toBe(false);

    // The officer (under a legal request, with no open request to handle) sees the step.
    const officer = await call(STEPS, { subjectId: child }, as("demo-dpo", { purpose: "LEGAL_REQUEST", legalBasis: "Nazorat 1/2026" }));
    const theirs = officer.data.dataRequests.find((r: { id: string }) => r.id === filed.data.fileDataRequest.id);
    const details = theirs.steps
      .filter((s: { kind: string }) => s.kind === "EXTERNAL_RECIPIENT_MESSAGED")
      .map((s: { detail: string }) => s.detail);
    expect(details.sort()).toEqual(["Davlat xavfsizlik xizmati: User.phone", "Sud ajrimi 2-44/2026: User.phone"]);
  });
});

describe("3. a relationship change takes effect on the next request", () => {
  /** Signs in for a fresh session: the access and the refresh token. */
  async function session(login: DemoLogin): Promise<{ access: string; refresh: string }> {
    const res = await call(SIGN_IN, { login, password: "demo-password" }, {});
    expect(res.errors).toBeUndefined();
    return { access: res.data.signIn.accessToken, refresh: res.data.signIn.refreshToken };
  }
  async function refresh(s: { access: string; refresh: string }): Promise<GqlResponse> {
    const res = await call(REFRESH, { refreshToken: s.refresh }, {});
    if (res.data?.refreshSession) {
      s.access = res.data.refreshSession.accessToken;
      s.refresh = res.data.refreshSession.refreshToken;
    }
    return res;
  }
  const refusedAsStale = (res: GqlResponse): boolean =>
    codes(res).includes("UNAUTHENTICATED") && (res.errors ?? []).some((e) => e.extensions?.reason === "CLAIMS_CHANGED");

  it("unlinkGuardian: the parent's old token no longer reads the child's PINFL, marks or report, nor files requests", async () => {
    const parent = await session("demo-parent");
    const child = id("demo-student");
    const before = await call(CHILD, { id: child }, { token: parent.access });
    expect(before.data.user.pinfl).toBe(ids.people["demo-student"].values.pinfl);
    expect(before.data.user.grades.length).toBeGreaterThan(0);

    const unlinked = await call(UNLINK_GUARDIAN, { studentId: child, parentId: id("demo-parent") }, as("demo-principal"));
    expect(unlinked.errors).toBeUndefined();
    await settle();

    const pinfl = await call(CHILD, { id: child }, { token: parent.access });
    expect(refusedAsStale(pinfl)).toBe(true);
    expect(JSON.stringify(pinfl.data ?? {})).not.toContain(ids.people["demo-student"].values.pinfl!);
    expect(refusedAsStale(await call(REPORT, { subjectId: child }, { token: parent.access }))).toBe(true);
    const filing = await call(
      FILE,
      { input: { subjectId: child, kind: "BLOCKING", fields: ["User.phone"], reason: "NOT_NEEDED" } },
      { token: parent.access },
    );
    expect(refusedAsStale(filing)).toBe(true);
    // Straight at the journal and the users subgraph: the same token is refused there too.
    expect(refusedAsStale(await gql(system.subgraphUrls.journal, doc("user-grades"), { id: child }, { token: parent.access }))).toBe(true);
    expect(refusedAsStale(await gql(system.subgraphUrls.users, CHILD, { id: child }, { token: parent.access }))).toBe(true);

    // The refreshed session carries today's relationships: the child is gone.
    expect((await refresh(parent)).errors).toBeUndefined();
    const after = await call(CHILD, { id: child }, { token: parent.access });
    expect(codes(after)).toEqual(["FORBIDDEN"]);

    // Linked again: the same session sees the child after a refresh, without a new sign-in.
    const linked = await call(LINK_GUARDIAN, { studentId: child, parentId: id("demo-parent"), relation: "MOTHER" }, as("demo-principal"));
    expect(linked.errors).toBeUndefined();
    await settle();
    expect(refusedAsStale(await call(CHILD, { id: child }, { token: parent.access }))).toBe(true);
    expect((await refresh(parent)).errors).toBeUndefined();
    const again = await call(CHILD, { id: child }, { token: parent.access });
    expect(again.errors).toBeUndefined();
    expect(again.data.user.pinfl).toBe(ids.people["demo-student"].values.pinfl);
  });

  it("ending an enrolment and an employment: the people's (and the parents') old tokens are refused at once", async () => {
    const today = tashkentDay();
    const teacher = await session("demo-teacher-2");
    const student = await session("demo-student-2");
    const parent = await session("demo-parent-other");
    const ended = await call(
      END_ENROLMENT,
      { studentId: id("demo-student-2"), endedOn: today, reason: "TRANSFERRED_OUT" },
      as("demo-principal"),
    );
    expect(ended.errors).toBeUndefined();
    const employment = await call(END_EMPLOYMENT, { userId: id("demo-teacher-2"), endedOn: today }, as("demo-principal"));
    expect(employment.errors).toBeUndefined();
    await settle();
    for (const [who, s] of [
      ["teacher", teacher],
      ["student", student],
      ["parent", parent],
    ] as const) {
      const res = await call(ROLE_GUARDIANS, { id: id("demo-student-2") }, { token: s.access });
      expect(refusedAsStale(res), who).toBe(true);
      expect((await refresh(s)).errors, who).toBeUndefined();
    }
    // The refreshed teacher has no class any more: the former pupil is out of reach.
    expect(codes(await call(ROLE_GUARDIANS, { id: id("demo-student-2") }, { token: teacher.access }))).toEqual(["FORBIDDEN"]);
  });
});

describe("5. User.login is personal: decided by purpose, audited", () => {
  const from = addDays(tashkentDay(), -28);
  const to = tashkentDay();

  it("a district official under REPORTING gets no teacher's login through homeroomTeacher, lessons or timeliness rows", async () => {
    const reporting = as("demo-district", { purpose: "REPORTING" });
    const homeroom = await call(HOMEROOM_LOGIN, { id: ids.classes["5-A"] }, reporting);
    expect(homeroom.data.schoolClass.homeroomTeacher).toMatchObject({ id: id("demo-teacher"), login: "", fullName: null });
    const withheld = (homeroom.errors ?? []).filter((e) => e.path?.join(".") === "schoolClass.homeroomTeacher.login");
    expect(withheld.map((e) => e.extensions?.code)).toEqual(["PERSONAL_DATA_WITHHELD"]);

    const lessons = await call(LESSONS_LOGIN, { classId: ids.classes["5-A"], from, to }, reporting);
    const teachers = (lessons.data?.lessons ?? []).map((l: { teacher: { login: string } | null }) => l.teacher).filter(Boolean);
    const timeliness = await call(TIMELINESS_LOGIN, { scope: { schoolId: ids.schools["Chilonzor 1-maktab"] }, from, to }, reporting);
    const rows = (timeliness.data?.journalTimelinessReport ?? []).map((r: { teacher: unknown }) => r.teacher).filter(Boolean);
    expect(rows.length + teachers.length).toBeGreaterThan(0);
    for (const person of [...teachers, ...rows] as Array<{ login: string }>) expect(person.login).toBe("");
    const everything = JSON.stringify([homeroom.data, lessons.data, timeliness.data]);
    for (const login of ["demo-teacher", "demo-teacher-2", "demo-principal"]) expect(everything).not.toContain(`"${login}"`);
  });

  it("under ADMINISTRATION the official gets the login, and the release is in the audit", async () => {
    const res = await call(HOMEROOM_LOGIN, { id: ids.classes["5-A"] }, as("demo-district", { purpose: "ADMINISTRATION" }));
    expect(res.data.schoolClass.homeroomTeacher.login).toBe("demo-teacher");
    expect(fieldsOf(await rowsOf(res), id("demo-teacher"))).toContain("User.login");
  });
});

describe("6. every release is audited, under the gateway's request id", () => {
  it("one X-Request-Id sent three times stays three accesses, each with its own key and the client's id as correlation", async () => {
    const responses: GqlResponse[] = [];
    for (let i = 0; i < 3; i++) {
      responses.push(await call(DPO_READ, { id: id("demo-student") }, as("demo-teacher", { requestId: "same-id-every-time" })));
    }
    for (const res of responses) expect(res.headers.get("x-request-id")).toBe("same-id-every-time");
    const keys = new Set(responses.map(auditKey));
    expect(keys.size).toBe(3);
    let rows: AccessRecord[] = [];
    for (const deadline = performance.now() + 3000; performance.now() < deadline && rows.length < 3;) {
      // The audit is written as each subgraph's response leaves, just before the gateway answers.
      await new Promise((resolve) => setTimeout(resolve, 200));
      rows = await system.orms.users.em.fork().find(AccessRecord, { correlationId: "same-id-every-time", released: true });
    }
    expect(new Set(rows.map((r) => r.requestId))).toEqual(keys);
  });

  it("role, locale and the guardians' identities are accesses too", async () => {
    const res = await call(ROLE_GUARDIANS, { id: id("demo-student") }, as("demo-teacher"));
    expect(res.errors).toBeUndefined();
    const guardians: string[] = res.data.user.guardians.map((g: { id: string }) => g.id);
    expect(guardians.length).toBeGreaterThan(0);
    const rows = await rowsOf(res);
    expect(fieldsOf(rows, id("demo-student"))).toEqual(expect.arrayContaining(["User.role", "User.locale", "User.guardians"]));
    for (const guardian of guardians) expect(fieldsOf(rows, guardian), guardian).toContain("User.guardians");
  });
});
