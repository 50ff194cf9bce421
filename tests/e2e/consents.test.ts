/**
 * Consents through the gateway, in the demo world: it starts consistent (everyone's agreement and policy
 * in force, demo-student's given by demo-parent); a minor cannot act for themself; a parent's withdrawal
 * of notices stops them for that parent only and giving again resumes them; withdrawing the user agreement
 * shuts the account until it is given again; who may read the records.
 */
import { tashkentDay } from "../../shared/days.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Grade, Lesson } from "../../subgraphs/journal/entities/index.js";
import { GuardianLink, Notification } from "../../subgraphs/notifications/entities/index.js";
import { Guardianship } from "../../subgraphs/users/entities/index.js";
import {
  GIVE_CONSENT,
  MY_CONSENTS,
  SIGN_IN_GIVING_CONSENTS,
  USER_CONSENTS,
  WITHDRAW_CONSENT,
  type ConsentView,
} from "../graphql/consents.js";
import { codes, doc, gql, type CallOptions } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const RECORD_GRADES = doc("record-grades");
const POLICY = "2026-09";

let system: TestSystem;
let ids: DemoIds;
/** demo-student's second guardian (the father, no login of his own). */
let father: string;

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  const links = await system.orms.users.em.fork().find(Guardianship, { studentId: ids.people["demo-student"].id });
  father = links.find((g) => g.parentId !== ids.people["demo-parent"].id)!.parentId;
});
afterAll(async () => {
  await system?.stop();
});

const id = (login: DemoLogin): string => ids.people[login].id;

/** A fresh sign-in each time: some tests end sessions, so tokens are never cached here. */
async function tokenOf(login: DemoLogin): Promise<string> {
  const res = await gql(system.gatewayUrl, SIGN_IN_GIVING_CONSENTS, { login, password: "demo-password" });
  if (!res.data?.signIn) throw new Error(`sign-in of ${login} failed: ${JSON.stringify(res.errors)}`);
  return res.data.signIn.accessToken;
}
const call = async (login: DemoLogin, query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}) =>
  gql(system.gatewayUrl, query, variables, { token: await tokenOf(login), ...options });
const consentsOf = async (login: DemoLogin, subject: DemoLogin, options: CallOptions = {}): Promise<ConsentView[]> => {
  const res = await call(login, USER_CONSENTS, { id: id(subject) }, options);
  expect(res.errors, `${login} reading ${subject}`).toBeUndefined();
  return res.data.user.consents;
};
const inForce = (rows: ConsentView[]) => rows.filter((c) => c.inForce).map((c) => [c.kind, c.givenByRelation, c.givenById, c.version]);

/** Publishes what the users subgraph committed, so the notifications replica has applied it. */
const relayUsers = () => system.relays.users.drain();

/** demo-teacher records a 5 for demo-student on a 5-A Matematika lesson with no mark of theirs yet; the journal relays it. */
async function recordGradeForDemoStudent(): Promise<void> {
  const em = system.orms.journal.em.fork();
  const lessons = await em.find(
    Lesson,
    { classId: ids.classes["5-A"], subjectId: ids.subjects["Matematika"], date: { $lte: tashkentDay() } },
    { orderBy: { date: "desc" } },
  );
  const graded = new Set((await em.find(Grade, { studentId: id("demo-student"), kind: "CURRENT" })).map((g) => g.lessonId));
  const lesson = lessons.find((l) => !graded.has(l.id))!;
  const res = await call("demo-teacher", RECORD_GRADES, {
    input: { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: id("demo-student"), value: 5 }] },
  });
  expect(res.errors).toBeUndefined();
  await system.relays.journal.drain();
}
const noticeCount = (recipientId: string) => system.orms.notifications.em.fork().count(Notification, { recipientId });

describe("the demo world starts consistent", () => {
  it("everyone's agreement and policy are in force; demo-student's given by demo-parent, demo-parent's own by herself", async () => {
    const mine = await call("demo-parent", MY_CONSENTS);
    expect(mine.errors).toBeUndefined();
    expect(inForce(mine.data.me.consents).sort()).toEqual(
      [
        ["PARENT_NOTIFICATIONS", "SELF", id("demo-parent"), POLICY],
        ["PRIVACY_POLICY", "SELF", id("demo-parent"), POLICY],
        ["USER_AGREEMENT", "SELF", id("demo-parent"), POLICY],
      ].sort(),
    );
    expect(inForce(await consentsOf("demo-parent", "demo-student")).sort()).toEqual(
      [
        ["PRIVACY_POLICY", "GUARDIAN", id("demo-parent"), POLICY],
        ["USER_AGREEMENT", "GUARDIAN", id("demo-parent"), POLICY],
      ].sort(),
    );
    const teacher = await call("demo-teacher", MY_CONSENTS);
    expect(inForce(teacher.data.me.consents).map(([kind, relation]) => [kind, relation])).toEqual(
      expect.arrayContaining([
        ["USER_AGREEMENT", "SELF"],
        ["PRIVACY_POLICY", "SELF"],
      ]),
    );
    const links = await system.orms.notifications.em.fork().find(GuardianLink, { guardianId: { $in: [id("demo-parent"), father] } });
    expect(links.map((l) => l.notify)).toEqual([true, true]);
  });

  it("who reads a student's consents: the guardian, the school admin for administration, the officer under a legal request", async () => {
    expect((await consentsOf("demo-principal", "demo-student")).length).toBe(2);
    const legal = { purpose: "LEGAL_REQUEST", legalBasis: "Consent audit 2026/11" };
    expect((await consentsOf("demo-dpo", "demo-student", legal)).length).toBe(2);

    const homeroom = await call("demo-teacher", USER_CONSENTS, { id: id("demo-student") });
    expect(homeroom.data.user.consents).toBeNull();
    expect(codes(homeroom)).toEqual(["PERSONAL_DATA_WITHHELD"]);
    for (const login of ["demo-parent-other", "demo-district", "demo-dpo"] as const) {
      const res = await call(login, USER_CONSENTS, { id: id("demo-student") });
      expect(codes(res), login).toEqual(["FORBIDDEN"]);
      expect(res.data?.user ?? null).toBeNull();
    }
  });
});

describe("a minor does not act for themself", () => {
  it("demo-student giving or withdrawing their own consent: FORBIDDEN, saying who may; nothing changes", async () => {
    const before = await consentsOf("demo-parent", "demo-student");
    for (const query of [GIVE_CONSENT, WITHDRAW_CONSENT]) {
      const res = await call("demo-student", query, { kind: "USER_AGREEMENT" }, { language: "en" });
      expect(codes(res)).toEqual(["FORBIDDEN"]);
      expect(res.errors![0]!.message).toMatch(/under 18 .*parent or legal representative/);
    }
    expect(await consentsOf("demo-parent", "demo-student")).toEqual(before);
  });
});

describe("demo-parent withdraws her consent to notices", () => {
  it("then a mark for demo-student reaches the father but not her; given again, her notices resume; the history stays", async () => {
    const withdrawn = await call("demo-parent", WITHDRAW_CONSENT, { kind: "PARENT_NOTIFICATIONS" });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawConsent).toMatchObject({ inForce: false, withdrawnById: id("demo-parent") });
    await relayUsers();

    const before = { mother: await noticeCount(id("demo-parent")), father: await noticeCount(father) };
    await recordGradeForDemoStudent();
    expect(await noticeCount(id("demo-parent"))).toBe(before.mother);
    expect(await noticeCount(father)).toBe(before.father + 1);

    const given = await call("demo-parent", GIVE_CONSENT, { kind: "PARENT_NOTIFICATIONS", version: POLICY });
    expect(given.errors).toBeUndefined();
    await relayUsers();
    await recordGradeForDemoStudent();
    expect(await noticeCount(id("demo-parent"))).toBe(before.mother + 1);
    expect(await noticeCount(father)).toBe(before.father + 2);
    const notices = await call("demo-parent", doc("my-notifications"));
    expect(notices.data.me.notifications[0]).toMatchObject({ kind: "GRADE", student: { id: id("demo-student") } });

    const history = (await call("demo-parent", MY_CONSENTS)).data.me.consents.filter((c: ConsentView) => c.kind === "PARENT_NOTIFICATIONS");
    expect(history.map((c: ConsentView) => [c.inForce, c.givenById, c.withdrawnById])).toEqual([
      [true, id("demo-parent"), null],
      [false, id("demo-parent"), id("demo-parent")],
    ]);
  });
});

describe("withdrawing the user agreement stops the account", () => {
  it("demo-parent withdraws demo-student's: their session ends, sign-in is refused naming it, until she gives it again", async () => {
    const studentToken = await tokenOf("demo-student");
    expect(codes(await gql(system.gatewayUrl, MY_CONSENTS, {}, { token: studentToken }))).toEqual([]);

    const res = await call("demo-parent", WITHDRAW_CONSENT, { kind: "USER_AGREEMENT", subjectId: id("demo-student") });
    expect(res.data.withdrawConsent).toMatchObject({ subjectId: id("demo-student"), withdrawnById: id("demo-parent"), inForce: false });
    await relayUsers();
    // The session ended everywhere: the users subgraph and the replicas of the others.
    expect(codes(await gql(system.gatewayUrl, MY_CONSENTS, {}, { token: studentToken }))).toEqual(["UNAUTHENTICATED"]);
    const journal = await gql(
      system.subgraphUrls.journal,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { grades { id } } } }`,
      { r: [{ __typename: "User", id: id("demo-student") }] },
      { token: studentToken },
    );
    expect(codes(journal)).toEqual(["UNAUTHENTICATED"]);

    const refused = await gql(
      system.gatewayUrl,
      SIGN_IN_GIVING_CONSENTS,
      { login: "demo-student", password: "demo-password" },
      { language: "en" },
    );
    expect(refused.status).toBe(403);
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors![0]!.message).toMatch(
      /^This operation is not allowed \(consent withdrawn: USER_AGREEMENT; .*parent or legal representative/,
    );
    expect(refused.data?.signIn ?? null).toBeNull();
    // Nor can the student give it back while signing in.
    const selfService = await gql(system.gatewayUrl, SIGN_IN_GIVING_CONSENTS, {
      login: "demo-student",
      password: "demo-password",
      consents: ["USER_AGREEMENT"],
    });
    expect(codes(selfService)).toEqual(["FORBIDDEN"]);

    const again = await call("demo-parent", GIVE_CONSENT, { kind: "USER_AGREEMENT", subjectId: id("demo-student") });
    expect(again.data.giveConsent).toMatchObject({ givenByRelation: "GUARDIAN", givenById: id("demo-parent"), inForce: true });
    const back = await call("demo-student", MY_CONSENTS);
    expect(back.errors).toBeUndefined();
    expect(back.data.me.consents.filter((c: ConsentView) => c.kind === "USER_AGREEMENT").map((c: ConsentView) => c.inForce)).toEqual([
      true,
      false,
    ]);
  });

  it("an adult (demo-teacher-2) withdraws their privacy-policy consent and comes back by giving it as they sign in", async () => {
    expect((await call("demo-teacher-2", WITHDRAW_CONSENT, { kind: "PRIVACY_POLICY" })).errors).toBeUndefined();
    const refused = await gql(
      system.gatewayUrl,
      SIGN_IN_GIVING_CONSENTS,
      { login: "demo-teacher-2", password: "demo-password" },
      { language: "ru" },
    );
    expect(refused.status).toBe(403);
    expect(refused.errors![0]!.message).toMatch(/^Действие запрещено \(consent withdrawn: PRIVACY_POLICY; .*consents: \[PRIVACY_POLICY\]/);

    const back = await gql(system.gatewayUrl, SIGN_IN_GIVING_CONSENTS, {
      login: "demo-teacher-2",
      password: "demo-password",
      consents: ["PRIVACY_POLICY"],
    });
    expect(back.errors).toBeUndefined();
    const rows = (await gql(system.gatewayUrl, MY_CONSENTS, {}, { token: back.data.signIn.accessToken })).data.me.consents.filter(
      (c: ConsentView) => c.kind === "PRIVACY_POLICY",
    );
    expect(rows.map((c: ConsentView) => [c.inForce, c.givenByRelation, c.givenById])).toEqual([
      [true, "SELF", id("demo-teacher-2")],
      [false, "SELF", id("demo-teacher-2")],
    ]);
  });
});
