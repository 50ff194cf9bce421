/**
 * Consents straight at the users subgraph: who may give and withdraw whose consent (an adult for
 * themself, a guardian for a minor, never the minor), the history kept, one event per change through
 * the outbox, who may read the records, and sign-in refused while the user agreement or the privacy
 * policy stays withdrawn.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../../shared/audit/access-record.entity.js";
import { SESSION_REVOKED } from "../../../shared/auth/revocations.js";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { Consent, Guardianship, PasswordCredential, Placement, RefreshToken, User } from "../../../subgraphs/users/entities/index.js";
import { hashPassword } from "../../../subgraphs/users/sign-in/password.js";
import { accessTokenFor, bearer, codesOf, PASSWORD, post, startUsers, type UsersHarness } from "../../fixtures/users.js";
import {
  GIVE_CONSENT,
  MY_CONSENTS,
  SIGN_IN_GIVING_CONSENTS,
  USER_CONSENTS,
  WITHDRAW_CONSENT,
  type ConsentView,
} from "../../graphql/consents.js";
import { REFRESH_SESSION } from "../../graphql/users.js";

let h: UsersHarness;
let adultStudent: User;
const POLICY = "2026-09";

beforeAll(async () => {
  h = await startUsers();
  // A student of 18 in class A, with the same parent on record: of age, so they act for themself.
  const em = h.orm.em.fork();
  adultStudent = em.create(User, { id: randomUUID(), login: "student-adult", role: "STUDENT", birthDate: "2007-03-01" });
  em.persist(adultStudent);
  em.persist(em.create(PasswordCredential, { userId: adultStudent.id, hash: await hashPassword(PASSWORD) }));
  em.persist(
    em.create(Placement, {
      id: randomUUID(),
      userId: adultStudent.id,
      kind: "ENROLMENT",
      classId: h.world.classA,
      schoolId: h.world.schoolId,
      districtId: h.world.districtId,
      regionId: h.world.regionId,
    }),
  );
  em.persist(em.create(Guardianship, { id: randomUUID(), parentId: h.world.parent.id, studentId: adultStudent.id }));
  await em.flush();
});
afterAll(() => h.close());

const as = async (login: string, headers: Record<string, string> = {}) => bearer(await accessTokenFor(h.url, login), headers);
const give = async (login: string, vars: Record<string, unknown>, headers: Record<string, string> = {}) =>
  post<{ giveConsent: ConsentView }>(h.url, GIVE_CONSENT, vars, await as(login, headers));
const withdraw = async (login: string, vars: Record<string, unknown>) =>
  post<{ withdrawConsent: ConsentView }>(h.url, WITHDRAW_CONSENT, vars, await as(login));
const consentEvents = async (subjectId: string) =>
  (await h.orm.em.fork().find(OutboxEvent, { topic: "users.consent.changed" }, { orderBy: { seq: "asc" } }))
    .map((e) => e.payload)
    .filter((p) => p.subjectId === subjectId);
const signIn = (login: string, consents?: string[]) =>
  post<{ signIn: { accessToken: string; refreshToken: string } }>(h.url, SIGN_IN_GIVING_CONSENTS, { login, password: PASSWORD, consents });

describe("giving and withdrawing", () => {
  it("a parent gives their own consent to notices: recorded as given by themself, to the version in force, with its event", async () => {
    const res = await give("parent", { kind: "PARENT_NOTIFICATIONS" });
    expect(res.errors).toBeUndefined();
    expect(res.data!.giveConsent).toMatchObject({
      subjectId: h.world.parent.id,
      kind: "PARENT_NOTIFICATIONS",
      version: POLICY,
      givenById: h.world.parent.id,
      givenByRelation: "SELF",
      withdrawnAt: null,
      inForce: true,
    });
    const events = await consentEvents(h.world.parent.id);
    expect(events).toEqual([
      {
        subjectId: h.world.parent.id,
        kind: "PARENT_NOTIFICATIONS",
        version: POLICY,
        given: true,
        givenBy: h.world.parent.id,
        at: res.data!.giveConsent.givenAt,
      },
    ]);
    // Giving the same version again changes nothing and says nothing.
    const again = await give("parent", { kind: "PARENT_NOTIFICATIONS", version: POLICY });
    expect(again.data!.giveConsent.id).toBe(res.data!.giveConsent.id);
    expect(await consentEvents(h.world.parent.id)).toHaveLength(1);
  });

  it("a guardian gives a minor's consent; the minor themself may not, nor may another parent", async () => {
    const byMinor = await give("student", { kind: "USER_AGREEMENT" });
    expect(codesOf(byMinor)).toEqual(["FORBIDDEN"]);
    expect(byMinor.errors![0]!.extensions!.detail).toMatch(/under 18.*parent or legal representative/);
    const withdrawByMinor = await withdraw("student", { kind: "USER_AGREEMENT" });
    expect(codesOf(withdrawByMinor)).toEqual(["FORBIDDEN"]);

    const byStranger = await give("parent-2", { kind: "USER_AGREEMENT", subjectId: h.world.student.id });
    expect(codesOf(byStranger)).toEqual(["FORBIDDEN"]);
    const byTeacher = await give("teacher", { kind: "USER_AGREEMENT", subjectId: h.world.student.id });
    expect(codesOf(byTeacher)).toEqual(["FORBIDDEN"]);

    const res = await give("parent", { kind: "USER_AGREEMENT", subjectId: h.world.student.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.giveConsent).toMatchObject({
      subjectId: h.world.student.id,
      givenById: h.world.parent.id,
      givenByRelation: "GUARDIAN",
      inForce: true,
    });
    expect(await h.orm.em.fork().count(Consent, { subjectId: h.world.student.id })).toBe(1);
  });

  it("a student of 18 acts for themself, and their parent no longer may", async () => {
    const byParent = await give("parent", { kind: "USER_AGREEMENT", subjectId: adultStudent.id });
    expect(codesOf(byParent)).toEqual(["FORBIDDEN"]);
    expect(byParent.errors![0]!.extensions!.detail).toMatch(/of age/);
    const own = await give("student-adult", { kind: "USER_AGREEMENT" });
    expect(own.data!.giveConsent).toMatchObject({ subjectId: adultStudent.id, givenById: adultStudent.id, givenByRelation: "SELF" });
  });

  it("refuses what is not a consent to give: notices for a non-parent, another version, an unknown person", async () => {
    expect(codesOf(await give("teacher", { kind: "PARENT_NOTIFICATIONS" }))).toEqual(["BAD_USER_INPUT"]);
    const version = await give("teacher", { kind: "USER_AGREEMENT", version: "2019-01" });
    expect(codesOf(version)).toEqual(["BAD_USER_INPUT"]);
    expect(version.errors![0]!.extensions!.detail).toContain(POLICY);
    expect(codesOf(await give("parent", { kind: "USER_AGREEMENT", subjectId: randomUUID() }))).toEqual(["NOT_FOUND"]);
    expect(codesOf(await give("parent", { kind: "USER_AGREEMENT", subjectId: "nope" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codesOf(await withdraw("principal", { kind: "PRIVACY_POLICY" }))).toEqual(["NOT_FOUND"]);
    expect(codesOf(await post(h.url, GIVE_CONSENT, { kind: "USER_AGREEMENT" }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("keeps the history: a withdrawal closes the record, giving again opens a new one, nothing is deleted", async () => {
    const subject = h.world.otherParent.id;
    const first = (await give("parent-2", { kind: "PARENT_NOTIFICATIONS" })).data!.giveConsent;
    const withdrawn = (await withdraw("parent-2", { kind: "PARENT_NOTIFICATIONS" })).data!.withdrawConsent;
    expect(withdrawn).toMatchObject({ id: first.id, withdrawnById: subject, inForce: false });
    expect(withdrawn.withdrawnAt).toEqual(expect.any(String));
    // Nothing in force any more: withdrawing again finds nothing.
    expect(codesOf(await withdraw("parent-2", { kind: "PARENT_NOTIFICATIONS" }))).toEqual(["NOT_FOUND"]);
    const second = (await give("parent-2", { kind: "PARENT_NOTIFICATIONS" })).data!.giveConsent;
    expect(second.id).not.toBe(first.id);

    const mine = await post<{ me: { consents: ConsentView[] } }>(h.url, MY_CONSENTS, {}, await as("parent-2"));
    expect(mine.data!.me.consents.map((c) => [c.id, c.inForce])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
    expect((await consentEvents(subject)).map((e) => [e.kind, e.given, e.givenBy])).toEqual([
      ["PARENT_NOTIFICATIONS", true, subject],
      ["PARENT_NOTIFICATIONS", false, subject],
      ["PARENT_NOTIFICATIONS", true, subject],
    ]);
  });

  it("a consent to an older version is replaced by one to the version in force, the old record kept", async () => {
    const em = h.orm.em.fork();
    const old = em.create(Consent, {
      id: randomUUID(),
      subjectId: h.world.dpo.id,
      kind: "USER_AGREEMENT",
      version: "2025-09",
      givenById: h.world.dpo.id,
      givenByRelation: "SELF",
      givenAt: new Date("2025-09-01T04:00:00Z"),
      inForceKey: `${h.world.dpo.id}:USER_AGREEMENT`,
    });
    await em.persist(old).flush();
    // Still in force, only older: sign-in is not refused.
    expect((await signIn("dpo")).errors).toBeUndefined();

    const res = await give("dpo", { kind: "USER_AGREEMENT" });
    expect(res.data!.giveConsent).toMatchObject({ version: POLICY, inForce: true });
    const rows = await h.orm.em.fork().find(Consent, { subjectId: h.world.dpo.id }, { orderBy: { givenAt: "asc" } });
    expect(rows.map((r) => [r.version, !!r.withdrawnAt, r.withdrawnById ?? null])).toEqual([
      ["2025-09", true, h.world.dpo.id],
      [POLICY, false, null],
    ]);
    expect((await consentEvents(h.world.dpo.id)).map((e) => [e.version, e.given])).toEqual([[POLICY, true]]);
  });

  it("two givings at once leave one consent in force", async () => {
    const token = await as("district");
    const results = await Promise.all(Array.from({ length: 6 }, () => post(h.url, GIVE_CONSENT, { kind: "PRIVACY_POLICY" }, token)));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const rows = await h.orm.em.fork().find(Consent, { subjectId: h.world.districtOfficial.id, kind: "PRIVACY_POLICY" });
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.data!.giveConsent.id))).toEqual(new Set([rows[0]!.id]));
    expect(await consentEvents(h.world.districtOfficial.id)).toHaveLength(1);
  });
});

describe("who reads the records", () => {
  const read = async (login: string, id: string, headers: Record<string, string> = {}) =>
    post<{ user: { consents: ConsentView[] } | null }>(h.url, USER_CONSENTS, { id }, await as(login, headers));

  it("the person, their guardian, the school admin for administration, the officer under a legal request; nobody else", async () => {
    const own = await post<{ me: { consents: ConsentView[] } }>(h.url, MY_CONSENTS, {}, await as("student"));
    expect(own.errors).toBeUndefined();
    expect(own.data!.me.consents.map((c) => [c.kind, c.givenById])).toEqual([["USER_AGREEMENT", h.world.parent.id]]);

    for (const [login, headers] of [
      ["parent", {}],
      ["principal", {}],
      ["dpo", { "x-purpose": "LEGAL_REQUEST", "x-legal-basis": "Consent audit 2026/7" }],
    ] as const) {
      const res = await read(login, h.world.student.id, headers);
      expect(res.errors, login).toBeUndefined();
      expect(
        res.data!.user!.consents.map((c) => c.kind),
        login,
      ).toEqual(["USER_AGREEMENT"]);
    }

    // Reads by others are audited like any personal data.
    const audit = await h.orm.em.fork().find(AccessRecord, { accessorId: h.world.principal.id, subjectId: h.world.student.id });
    expect(audit.some((r) => r.released && r.fields.includes("User.consents") && r.fields.includes("Consent."))).toBe(true);

    // The homeroom teacher relates to the student, but not for the student's account: null with the reason.
    const teacher = await read("teacher", h.world.student.id);
    expect(teacher.data!.user!.consents).toBeNull();
    expect(teacher.errors!.map((e) => [e.path?.at(-1), e.extensions!.code, e.extensions!.category])).toEqual([
      ["consents", "PERSONAL_DATA_WITHHELD", "account"],
    ]);
    // The principal only for administration.
    const journal = await read("principal", h.world.student.id, { "x-purpose": "JOURNAL" });
    expect(journal.data!.user!.consents).toBeNull();
    expect(codesOf(journal)).toEqual(["PERSONAL_DATA_WITHHELD"]);
    // No relationship at all: not even the person.
    for (const login of ["parent-2", "dpo", "district"])
      expect(codesOf(await read(login, h.world.student.id)), login).toEqual(["FORBIDDEN"]);
  });
});

describe("withdrawing the user agreement or the privacy policy stops the account", () => {
  it("an adult's withdrawal ends their sessions and refuses sign-in, naming the consent, until they give it again", async () => {
    const signedIn = (await signIn("teacher")).data!.signIn;
    await give("teacher", { kind: "USER_AGREEMENT" });
    const res = await post(h.url, WITHDRAW_CONSENT, { kind: "USER_AGREEMENT" }, bearer(signedIn.accessToken));
    expect(res.errors).toBeUndefined();

    // Every session of the teacher ended, each with its event for the other subgraphs' replicas.
    const live = await h.orm.em.fork().count(RefreshToken, { userId: h.world.teacher.id, revokedAt: null });
    expect(live).toBe(0);
    const family = (await h.orm.em.fork().findOneOrFail(RefreshToken, { userId: h.world.teacher.id }, { orderBy: { createdAt: "desc" } }))
      .familyId;
    const revoked = await h.orm.em.fork().find(OutboxEvent, { topic: SESSION_REVOKED });
    expect(revoked.map((e) => e.payload.sid)).toContain(family);
    expect(codesOf(await post(h.url, REFRESH_SESSION, { refreshToken: signedIn.refreshToken }))).toEqual(["UNAUTHENTICATED"]);
    expect(codesOf(await post(h.url, MY_CONSENTS, {}, bearer(signedIn.accessToken)))).toEqual(["UNAUTHENTICATED"]);

    const refused = await signIn("teacher");
    expect(refused.status).toBe(403);
    expect(codesOf(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors![0]!.extensions!.detail).toMatch(/consent withdrawn: USER_AGREEMENT.*consents: \[USER_AGREEMENT\]/);
    expect(refused.data).toBeNull();

    // Giving it back while signing in: recorded as given by the teacher, and the door opens.
    const back = await signIn("teacher", ["USER_AGREEMENT"]);
    expect(back.errors).toBeUndefined();
    const rows = await h.orm.em
      .fork()
      .find(Consent, { subjectId: h.world.teacher.id, kind: "USER_AGREEMENT" }, { orderBy: { givenAt: "asc" } });
    expect(rows.map((r) => [r.givenByRelation, r.givenById, !!r.withdrawnAt])).toEqual([
      ["SELF", h.world.teacher.id, true],
      ["SELF", h.world.teacher.id, false],
    ]);
    expect((await signIn("teacher")).errors).toBeUndefined();
  });

  it("a wrong password learns nothing of the consents: UNAUTHENTICATED as ever", async () => {
    await give("principal", { kind: "PRIVACY_POLICY" });
    await withdraw("principal", { kind: "PRIVACY_POLICY" });
    const wrong = await post(h.url, SIGN_IN_GIVING_CONSENTS, { login: "principal", password: "not it", consents: ["PRIVACY_POLICY"] });
    expect(codesOf(wrong)).toEqual(["UNAUTHENTICATED"]);
    expect(await h.orm.em.fork().count(Consent, { subjectId: h.world.principal.id, withdrawnAt: null })).toBe(0);
    expect(codesOf(await signIn("principal"))).toEqual(["FORBIDDEN"]);
  });

  it("a minor whose guardian withdrew is refused too, cannot give it back themself, and is let in once the guardian gives it", async () => {
    await give("parent", { kind: "PRIVACY_POLICY", subjectId: h.world.student.id });
    expect((await signIn("student")).errors).toBeUndefined();
    const res = await withdraw("parent", { kind: "PRIVACY_POLICY", subjectId: h.world.student.id });
    expect(res.data!.withdrawConsent).toMatchObject({ withdrawnById: h.world.parent.id, inForce: false });

    const refused = await signIn("student");
    expect(codesOf(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors![0]!.extensions!.detail).toMatch(/consent withdrawn: PRIVACY_POLICY.*parent or legal representative/);
    const selfService = await signIn("student", ["PRIVACY_POLICY"]);
    expect(codesOf(selfService)).toEqual(["FORBIDDEN"]);
    expect(selfService.errors![0]!.extensions!.detail).toMatch(/under 18/);

    await give("parent", { kind: "PRIVACY_POLICY", subjectId: h.world.student.id });
    expect((await signIn("student")).errors).toBeUndefined();
  });

  it("an account with no consent on record is not refused: only a withdrawal stops processing", async () => {
    expect(await h.orm.em.fork().count(Consent, { subjectId: h.world.otherStudent.id })).toBe(0);
    expect((await signIn("student-2")).errors).toBeUndefined();
  });
});
