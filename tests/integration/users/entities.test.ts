/** Straight at the subgraph, as the gateway would call it: a direct caller gets nothing the token would not get. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessTokenFor, bearer, codesOf, post, startUsers, type UsersHarness } from "../../fixtures/users.js";
import { USER_ENTITIES } from "../../graphql/users.js";

type Entities = { _entities: Array<{ id: string; fullName: string | null; phone: string | null } | null> };

let h: UsersHarness;
beforeAll(async () => {
  h = await startUsers();
});
afterAll(() => h.close());

const reps = (...ids: string[]) => ids.map((id) => ({ __typename: "User", id }));

describe("_entities for User", () => {
  it("needs a token", async () => {
    const res = await post<Entities>(h.url, USER_ENTITIES, { r: reps(h.world.student.id) });
    expect(res.data ?? null).toBeNull();
    expect(codesOf(res)).toEqual(["UNAUTHENTICATED"]);
  });

  it("gives an unrelated caller nothing: the person is not even found", async () => {
    const token = await accessTokenFor(h.url, "parent-2");
    const res = await post<Entities>(h.url, USER_ENTITIES, { r: reps(h.world.student.id) }, bearer(token));
    expect(res.data!._entities).toEqual([null]);
    expect(JSON.stringify(res)).not.toContain("Karimova");
  });

  it("releases them to a related caller, and gives null for an unknown id", async () => {
    const token = await accessTokenFor(h.url, "parent");
    const missing = "11111111-1111-4111-8111-111111111111";
    const res = await post<Entities>(h.url, USER_ENTITIES, { r: reps(h.world.student.id, missing) }, bearer(token));
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: h.world.student.id, fullName: "Karimova Dilnoza Shavkatovna", phone: "+998901112233" },
      null,
    ]);
  });

  it("costs the same number of queries for many users as for two (no per-row queries)", async () => {
    const token = await accessTokenFor(h.url, "principal");
    const w = h.world;
    const count = async (ids: string[]): Promise<number> => {
      h.queries.length = 0;
      const res = await post<Entities>(h.url, USER_ENTITIES, { r: reps(...ids) }, bearer(token));
      expect(res.data!._entities).toHaveLength(ids.length);
      return h.queries.length;
    };
    const few = await count([w.student.id, w.parent.id]);
    const many = await count([
      w.student.id,
      w.parent.id,
      w.otherStudent.id,
      w.otherParent.id,
      w.teacher.id,
      w.principal.id,
      w.districtOfficial.id,
    ]);
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });
});
