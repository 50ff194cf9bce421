import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../../shared/audit/access-record.entity.js";
import { accessTokenFor, bearer, codesOf, post, startUsers, type GraphQLResponse, type UsersHarness } from "../../fixtures/users.js";
import { ME, USER_PROFILE } from "../../graphql/users.js";

type Profile = {
  user: { id: string; role: string; fullName: string | null; birthDate: string | null; phone: string | null; pinfl: string | null } | null;
};

let h: UsersHarness;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  h = await startUsers();
  for (const login of ["student", "parent", "parent-2", "teacher", "principal", "district", "district-other", "dpo"]) {
    tokens[login] = await accessTokenFor(h.url, login);
  }
});
afterAll(() => h.close());

const profile = (as: string, id: string, headers: Record<string, string> = {}) =>
  post<Profile>(h.url, USER_PROFILE, { id }, bearer(tokens[as]!, headers));

/** Field name → [code, category, reason] of each withheld field. */
const withheld = (res: GraphQLResponse): Record<string, unknown[]> =>
  Object.fromEntries(
    (res.errors ?? []).map((e) => [String(e.path?.at(-1)), [e.extensions?.code, e.extensions?.category, e.extensions?.reason]]),
  );

describe("user(id) follows the access matrix", () => {
  it("parent: the child's name, birth date, phone and PINFL, for the journal and under self-service", async () => {
    const journal = await profile("parent", h.world.student.id);
    expect(journal.errors).toBeUndefined();
    expect(journal.data!.user).toMatchObject({
      fullName: "Karimova Dilnoza Shavkatovna",
      birthDate: "2013-04-17",
      phone: "+998901112233",
      pinfl: "41704135230011",
    });

    const self = await profile("parent", h.world.student.id, { "x-purpose": "SELF_SERVICE" });
    expect(self.errors).toBeUndefined();
    expect(self.data!.user!.pinfl).toBe("41704135230011");
  });

  it("homeroom teacher: name, birth date and phone of a pupil, never the PINFL", async () => {
    const res = await profile("teacher", h.world.student.id);
    expect(res.data!.user).toMatchObject({
      fullName: "Karimova Dilnoza Shavkatovna",
      birthDate: "2013-04-17",
      phone: "+998901112233",
      pinfl: null,
    });
    expect(Object.keys(withheld(res))).toEqual(["pinfl"]);
    expect(withheld(res).pinfl![1]).toBe("identifier");
  });

  it("subject teacher only: the pupil's name, not birth date or phone", async () => {
    const res = await profile("teacher", h.world.otherStudent.id);
    expect(res.data!.user).toMatchObject({ fullName: "Rahimov Jasur", birthDate: null, phone: null, pinfl: null });
    expect(Object.keys(withheld(res)).sort()).toEqual(["birthDate", "phone", "pinfl"]);
  });

  it("teacher: a pupil's parent's name and phone, to reach them, but not the parent's PINFL", async () => {
    const res = await post(
      h.url,
      `query($id: ID!) { user(id: $id) { fullName phone pinfl } }`,
      { id: h.world.parent.id },
      bearer(tokens.teacher!),
    );
    expect(res.data!.user).toEqual({ fullName: "Karimov Shavkat", phone: "+998935554433", pinfl: null });
    expect(Object.keys(withheld(res))).toEqual(["pinfl"]);
  });

  it("school admin: a pupil's PINFL for administration", async () => {
    const res = await profile("principal", h.world.student.id);
    expect(res.errors).toBeUndefined();
    expect(res.data!.user!.pinfl).toBe("41704135230011");
  });

  it("district official over the school: students only as aggregates, so no student object at all", async () => {
    for (const purpose of ["REPORTING", "ADMINISTRATION"]) {
      const res = await profile("district", h.world.student.id, { "x-purpose": purpose });
      expect(res.data?.user ?? null).toBeNull();
      expect(codesOf(res)).toEqual(["FORBIDDEN"]);
    }
  });

  it("district official: staff of schools in the district for administration", async () => {
    const res = await profile("district", h.world.teacher.id, { "x-purpose": "ADMINISTRATION" });
    expect(res.data!.user).toMatchObject({ fullName: "Yo‘ldosheva Gulnora", phone: "+998901234567", pinfl: "41212805230044" });
  });

  it("no relationship: FORBIDDEN for the whole object", async () => {
    for (const [as, id] of [
      ["parent-2", h.world.student.id],
      ["district-other", h.world.student.id],
      ["student", h.world.otherStudent.id],
      ["dpo", h.world.student.id],
    ] as const) {
      const res = await profile(as, id);
      expect(res.data?.user ?? null).toBeNull();
      expect(codesOf(res)).toEqual(["FORBIDDEN"]);
    }
    // The refusals are audited too, as withheld for want of a relationship.
    const refused = await h.orm.em.fork().find(AccessRecord, { subjectId: h.world.otherStudent.id, accessorId: h.world.student.id });
    expect(refused.map((r) => [r.fields, r.released, r.reason])).toEqual([["User", false, "NO_RELATIONSHIP"]]);
  });

  it("data protection officer under LEGAL_REQUEST with a basis: everything, recorded with the basis", async () => {
    const res = await profile("dpo", h.world.student.id, { "x-purpose": "LEGAL_REQUEST", "x-legal-basis": "Court order 12/345" });
    expect(res.errors).toBeUndefined();
    expect(res.data!.user!.pinfl).toBe("41704135230011");
    const records = await h.orm.em.fork().find(AccessRecord, { accessorId: h.world.dpo.id, purpose: "LEGAL_REQUEST" });
    expect(records.map((r) => [r.legalBasis, r.released, r.purpose])).toEqual([["Court order 12/345", true, "LEGAL_REQUEST"]]);
  });

  it("a malformed id is BAD_USER_INPUT; an unknown one looks like a stranger (FORBIDDEN), so ids cannot be probed", async () => {
    expect(codesOf(await profile("principal", "42"))).toEqual(["BAD_USER_INPUT"]);
    expect(codesOf(await profile("principal", "00000000-0000-4000-8000-000000000000"))).toEqual(["FORBIDDEN"]);
  });

  it("needs a token", async () => {
    expect(codesOf(await post(h.url, USER_PROFILE, { id: h.world.student.id }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("names, family links and audit", () => {
  it("shows names in Cyrillic for uz-Cyrl readers", async () => {
    const res = await post(h.url, `{ me { fullName } }`, {}, bearer(tokens.teacher!, { "accept-language": "uz-Cyrl" }));
    expect(res.data!.me.fullName).toBe("Йўлдошева Гулнора");
  });

  it("a parent's children and a child's guardians", async () => {
    const parent = await post(h.url, ME, {}, bearer(tokens.parent!));
    expect(parent.data!.me.children).toEqual([{ id: h.world.student.id, fullName: "Karimova Dilnoza Shavkatovna" }]);
    expect(parent.data!.me.guardians).toEqual([]);
    const viaTeacher = await post(
      h.url,
      `query($id: ID!) { user(id: $id) { guardians { id fullName phone } } }`,
      { id: h.world.student.id },
      bearer(tokens.teacher!),
    );
    expect(viaTeacher.data!.user.guardians).toEqual([{ id: h.world.parent.id, fullName: "Karimov Shavkat", phone: "+998935554433" }]);
  });

  it("records who saw whose data, and what was withheld", async () => {
    await profile("teacher", h.world.student.id, { "x-request-id": "audit-check-1" });
    const records = await h.orm.em.fork().find(AccessRecord, { requestId: "audit-check-1" }, { orderBy: { released: "asc" } });
    expect(
      records.map((r) => ({
        accessor: r.accessorId,
        subject: r.subjectId,
        released: r.released,
        fields: r.fields,
        reason: r.reason ?? null,
      })),
    ).toEqual([
      { accessor: h.world.teacher.id, subject: h.world.student.id, released: false, fields: "User.pinfl", reason: "ROLE_NOT_ALLOWED" },
      {
        accessor: h.world.teacher.id,
        subject: h.world.student.id,
        released: true,
        // The role is released with the person and audited like any personal field (issue 12, point 6).
        fields: "User.birthDate,User.fullName,User.phone,User.role",
        reason: null,
      },
    ]);
  });
});
