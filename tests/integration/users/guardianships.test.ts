/**
 * Guardianships and the profile's language, straight at the users subgraph: the school admin links a
 * parent to a student of their own school and unlinks them, nobody else may, and each change leaves through
 * the outbox in its own transaction (`users.guardianship.changed`, with the guardian's consent and locale);
 * a person changing their language publishes `users.profile.changed`, naming only a student.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { Consent, Guardianship, Placement, User } from "../../../subgraphs/users/entities/index.js";
import { accessTokenFor, bearer, codesOf, post, startUsers, type UsersHarness } from "../../fixtures/users.js";
import { LINK_GUARDIAN, UNLINK_GUARDIAN, UPDATE_MY_PROFILE } from "../../graphql/guardians.js";

let h: UsersHarness;
let elsewhere: User;

beforeAll(async () => {
  h = await startUsers();
  // A student of another school: not the principal's to touch, nor to learn of.
  const em = h.orm.em.fork();
  elsewhere = em.create(User, { id: randomUUID(), login: "student-elsewhere", role: "STUDENT", fullName: "Olimov Bek" });
  em.persist(elsewhere);
  em.persist(
    em.create(Placement, { id: randomUUID(), userId: elsewhere.id, kind: "ENROLMENT", classId: randomUUID(), schoolId: randomUUID() }),
  );
  await em.flush();
});
afterAll(() => h.close());

const as = async (login: string) => bearer(await accessTokenFor(h.url, login));
const events = async (topic: string) =>
  (await h.orm.em.fork().find(OutboxEvent, { topic }, { orderBy: { seq: "asc" } })).map((e) => e.payload as Record<string, unknown>);

describe("linking and unlinking a guardian", () => {
  it("the principal links a parent to a student of the school: the row and its event, with the parent's consent to notices", async () => {
    const given = new Date("2026-09-02T04:00:00.000Z");
    await h.orm.em.fork().insert(Consent, {
      id: randomUUID(),
      subjectId: h.world.otherParent.id,
      kind: "PARENT_NOTIFICATIONS",
      version: "2026-09",
      givenById: h.world.otherParent.id,
      givenByRelation: "SELF",
      givenAt: given,
      inForceKey: `${h.world.otherParent.id}:PARENT_NOTIFICATIONS`,
    });
    const res = await post(
      h.url,
      LINK_GUARDIAN,
      { studentId: h.world.student.id, parentId: h.world.otherParent.id, relation: "MOTHER" },
      await as("principal"),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.linkGuardian.guardians.map((g: { id: string }) => g.id).sort()).toEqual(
      [h.world.parent.id, h.world.otherParent.id].sort(),
    );
    const row = await h.orm.em.fork().findOneOrFail(Guardianship, { parentId: h.world.otherParent.id, studentId: h.world.student.id });
    expect(row.relation).toBe("mother");
    expect(await events("users.guardianship.changed")).toEqual([
      {
        guardianshipId: row.id,
        studentId: h.world.student.id,
        guardianId: h.world.otherParent.id,
        linked: true,
        relation: "mother",
        locale: "UZ_LATN",
        notify: true,
        consentChangedAt: given.toISOString(),
      },
    ]);

    // Linking again changes nothing and says nothing.
    const again = await post(
      h.url,
      LINK_GUARDIAN,
      { studentId: h.world.student.id, parentId: h.world.otherParent.id },
      await as("principal"),
    );
    expect(again.errors).toBeUndefined();
    expect(await events("users.guardianship.changed")).toHaveLength(1);
  });

  it("unlinking removes the row and says so; a second unlink finds nothing", async () => {
    const res = await post(
      h.url,
      UNLINK_GUARDIAN,
      { studentId: h.world.student.id, parentId: h.world.otherParent.id },
      await as("principal"),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.unlinkGuardian.guardians.map((g: { id: string }) => g.id)).toEqual([h.world.parent.id]);
    expect(await h.orm.em.fork().count(Guardianship, { parentId: h.world.otherParent.id, studentId: h.world.student.id })).toBe(0);
    expect((await events("users.guardianship.changed")).at(-1)).toMatchObject({ guardianId: h.world.otherParent.id, linked: false });
    const again = await post(
      h.url,
      UNLINK_GUARDIAN,
      { studentId: h.world.student.id, parentId: h.world.otherParent.id },
      await as("principal"),
    );
    expect(codesOf(again)).toEqual(["NOT_FOUND"]);
  });

  it("refuses everyone else, a student of another school, and an account that is no parent; nothing written", async () => {
    const before = (await events("users.guardianship.changed")).length;
    const vars = { studentId: h.world.student.id, parentId: h.world.otherParent.id };
    for (const login of ["teacher", "parent", "district", "dpo"]) {
      expect(codesOf(await post(h.url, LINK_GUARDIAN, vars, await as(login))), login).toEqual(["FORBIDDEN"]);
    }
    expect(codesOf(await post(h.url, LINK_GUARDIAN, { ...vars, studentId: elsewhere.id }, await as("principal")))).toEqual(["NOT_FOUND"]);
    expect(codesOf(await post(h.url, LINK_GUARDIAN, { ...vars, parentId: h.world.teacher.id }, await as("principal")))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codesOf(await post(h.url, LINK_GUARDIAN, { ...vars, parentId: "not-an-id" }, await as("principal")))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(await events("users.guardianship.changed")).toHaveLength(before);
  });
});

describe("updateMyProfile", () => {
  it("a parent's new language: one event, with no name; the same language again: none", async () => {
    const res = await post(h.url, UPDATE_MY_PROFILE, { locale: "UZ_CYRL" }, await as("parent"));
    expect(res.data!.updateMyProfile).toEqual({ id: h.world.parent.id, locale: "UZ_CYRL" });
    await post(h.url, UPDATE_MY_PROFILE, { locale: "UZ_CYRL" }, await as("parent"));
    expect((await events("users.profile.changed")).filter((p) => p.userId === h.world.parent.id)).toEqual([
      { userId: h.world.parent.id, locale: "UZ_CYRL" },
    ]);
  });

  it("a student's: the event names them, for the notices to their guardians", async () => {
    await post(h.url, UPDATE_MY_PROFILE, { locale: "RU" }, await as("student"));
    expect((await events("users.profile.changed")).filter((p) => p.userId === h.world.student.id)).toEqual([
      { userId: h.world.student.id, locale: "RU", fullNameLatn: "Karimova Dilnoza Shavkatovna", fullNameCyrl: null },
    ]);
  });

  it("refuses an unknown locale and a caller without a token", async () => {
    expect(codesOf(await post(h.url, UPDATE_MY_PROFILE, { locale: "DE" }, await as("parent")))).toEqual(["BAD_USER_INPUT"]);
    expect(codesOf(await post(h.url, UPDATE_MY_PROFILE, { locale: "RU" }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("a rectified name", () => {
  it("of a student reaches the notices' replica: users.profile.changed with the new name, in the decision's transaction", async () => {
    const FILE = /* GraphQL */ `
      mutation ($input: DataRequestInput!) {
        fileDataRequest(input: $input) {
          id
        }
      }
    `;
    const DECIDE = /* GraphQL */ `
      mutation ($id: ID!) {
        decideDataRequest(id: $id, grant: true) {
          status
          steps {
            kind
            detail
          }
        }
      }
    `;
    const filed = await post(
      h.url,
      FILE,
      {
        input: {
          subjectId: h.world.student.id,
          kind: "RECTIFICATION",
          fields: ["User.fullName"],
          reason: "UNRELIABLE",
          corrections: [{ field: "User.fullName", value: "Karimova Dilnoza Shavkat qizi" }],
        },
      },
      await as("parent"),
    );
    expect(filed.errors).toBeUndefined();
    const decided = await post(h.url, DECIDE, { id: filed.data!.fileDataRequest.id }, await as("principal"));
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideDataRequest.steps).toContainEqual({ kind: "PUBLISHED", detail: "users.profile.changed" });
    expect((await events("users.profile.changed")).at(-1)).toEqual({
      userId: h.world.student.id,
      locale: "RU",
      fullNameLatn: "Karimova Dilnoza Shavkat qizi",
      fullNameCyrl: null,
    });
  });
});
