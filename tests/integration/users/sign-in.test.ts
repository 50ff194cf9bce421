import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "../../../shared/auth/tokens.js";
import { RefreshToken, SignInThrottle } from "../../../subgraphs/users/entities/index.js";
import { bearer, codesOf, PASSWORD, post, startUsers, type UsersHarness } from "../../fixtures/users.js";
import { ME, REFRESH_SESSION, SIGN_IN, SIGN_OUT } from "../../graphql/users.js";

type Payload = {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; login: string; role: string; fullName: string | null };
};

let h: UsersHarness;
beforeAll(async () => {
  // A small per-address budget, so that exhausting it takes a few dozen guesses rather than hundreds.
  h = await startUsers({ signInLock: { addressFailures: 20 } });
});
afterAll(() => h.close());

const signIn = (login: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  post<{ signIn: Payload }>(h.url, SIGN_IN, { login, password }, headers);
const refresh = (refreshToken: string) => post<{ refreshSession: Payload }>(h.url, REFRESH_SESSION, { refreshToken });

describe("signIn", () => {
  it("issues an access token with the teacher's claims and a refresh token", async () => {
    const res = await signIn("teacher");
    expect(res.errors).toBeUndefined();
    const payload = res.data!.signIn;
    const { world } = h;
    const claims = await verifyAccessToken(h.tokens, payload.accessToken);
    expect(claims.sub).toBe(world.teacher.id);
    expect(claims.role).toBe("TEACHER");
    expect(claims.org).toEqual({ schoolId: world.schoolId, districtId: world.districtId, regionId: world.regionId });
    expect(claims.classes.sort()).toEqual([world.classA, world.classB].sort());
    expect(claims.homeroom).toEqual([world.classA]);
    expect(claims.teaching).toContainEqual([world.classA, world.maths]);
    expect(claims.teaching).toHaveLength(2);
    expect(claims.children).toEqual([]);
    expect(claims.purposes).toEqual(["JOURNAL", "PARENT_NOTIFICATION", "SELF_SERVICE"]);
    expect(claims.sid).toMatch(/^[0-9a-f-]{36}$/);
    const raw = decodeJwt(payload.accessToken);
    expect(Math.floor(new Date(payload.expiresAt).getTime() / 1000)).toBe(raw.exp);
    expect(raw.jti).toBeTruthy();
    // The payload's user resolves as the signed-in person, personal fields included.
    expect(payload.user).toEqual({ id: world.teacher.id, login: "teacher", role: "TEACHER", fullName: "Yo‘ldosheva Gulnora" });
    expect(payload.refreshToken.length).toBeGreaterThanOrEqual(40);
  });

  it("gives a parent their children and the children's classes, and a student their own current class", async () => {
    const parent = await verifyAccessToken(h.tokens, (await signIn("parent")).data!.signIn.accessToken);
    expect(parent.children).toEqual([h.world.student.id]);
    expect(parent.childClasses).toEqual([h.world.classA]);
    expect(parent.org).toEqual({});
    const student = await verifyAccessToken(h.tokens, (await signIn("student")).data!.signIn.accessToken);
    expect(student.classes).toEqual([h.world.classA]);
    expect(student.org.schoolId).toBe(h.world.schoolId);
    const official = await verifyAccessToken(h.tokens, (await signIn("district")).data!.signIn.accessToken);
    expect(official.org).toEqual({ districtId: h.world.districtId, regionId: h.world.regionId });
  });

  it("stores only a hash of the refresh token", async () => {
    const { refreshToken } = (await signIn("student")).data!.signIn;
    const rows = await h.orm.em.fork().find(RefreshToken, { userId: h.world.student.id });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tokenHash !== refreshToken && /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it("answers a wrong password and an unknown login the same way: UNAUTHENTICATED", async () => {
    const wrong = await signIn("principal", "not the password");
    const unknown = await signIn("nobody-here", "not the password");
    expect(wrong.data).toBeNull();
    expect(codesOf(wrong)).toEqual(["UNAUTHENTICATED"]);
    expect(codesOf(unknown)).toEqual(["UNAUTHENTICATED"]);
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
    expect(JSON.stringify(wrong)).not.toContain("principal");
  });

  it("locks a login at one address after the configured number of failures, even for the right password", async () => {
    const max = h.config.signInLock.maxFailures;
    for (let i = 0; i < max; i++) expect(codesOf(await signIn("student-2", "guess " + i))).toEqual(["UNAUTHENTICATED"]);
    const locked = await signIn("student-2");
    expect(codesOf(locked)).toEqual(["RATE_LIMITED"]);
    // Another account from the same address is not locked by it, nor is the same login from elsewhere.
    expect((await signIn("parent-2")).data?.signIn.user.login).toBe("parent-2");
    expect((await signIn("student-2", PASSWORD, { "x-forwarded-for": "198.51.100.77" })).data?.signIn.user.login).toBe("student-2");
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const max = h.config.signInLock.maxFailures;
    for (let i = 0; i < max - 1; i++) await signIn("district-other", "wrong");
    expect(codesOf(await signIn("district-other"))).toEqual([]);
    for (let i = 0; i < max - 1; i++) await signIn("district-other", "wrong");
    expect(codesOf(await signIn("district-other"))).toEqual([]);
  });

  it("locks a client address that guesses across many logins, for logins that never signed in from it", async () => {
    const max = h.config.signInLock.addressFailures;
    const from = { "x-forwarded-for": "203.0.113.7" };
    // The district official has signed in from this address before the spray: it is known to that login.
    expect(codesOf(await signIn("district", PASSWORD, from))).toEqual([]);
    for (let i = 0; i < max; i++) await signIn(`spray-${i}`, "123456", from);
    expect(codesOf(await signIn("principal", PASSWORD, from))).toEqual(["RATE_LIMITED"]);
    expect(codesOf(await signIn("principal", PASSWORD, { "x-forwarded-for": "198.51.100.1" }))).toEqual([]);
    expect(codesOf(await signIn("district", PASSWORD, from))).toEqual([]);
  });
});

describe("parallel sign-in attempts", () => {
  const codeCounts = (results: Array<Awaited<ReturnType<typeof signIn>>>): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const code of results.flatMap(codesOf).map(String)) counts[code] = (counts[code] ?? 0) + 1;
    return counts;
  };

  it("counts each guess before checking it: of 12 at once at most the limit reach the password check", async () => {
    const max = h.config.signInLock.maxFailures;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn("dpo", `parallel guess ${i}`)));
    const counts = codeCounts(results);
    // UNAUTHENTICATED = the password was checked and wrong; RATE_LIMITED = refused before any check.
    expect(counts.UNAUTHENTICATED ?? 0).toBeLessThanOrEqual(max);
    expect(counts.RATE_LIMITED ?? 0).toBeGreaterThanOrEqual(12 - max);
    expect((counts.UNAUTHENTICATED ?? 0) + (counts.RATE_LIMITED ?? 0)).toBe(12);
    // The right password after the limit is refused too.
    expect(codesOf(await signIn("dpo"))).toEqual(["RATE_LIMITED"]);
  });

  it("holds the per-address limit for parallel guesses across many logins", async () => {
    const max = h.config.signInLock.addressFailures;
    const from = { "x-forwarded-for": "203.0.113.99" };
    const results = await Promise.all(Array.from({ length: max + 10 }, (_, i) => signIn(`parallel-spray-${i}`, "123456", from)));
    expect(codeCounts(results).UNAUTHENTICATED ?? 0).toBeLessThanOrEqual(max);
    expect(codesOf(await signIn("principal", PASSWORD, from))).toEqual(["RATE_LIMITED"]);
  });

  it("gives a successful attempt's slot back to its address and login, keeping their earlier failures", async () => {
    const from = { "x-forwarded-for": "203.0.113.42" };
    const loginFailures = async (): Promise<number> =>
      (await h.orm.em.fork().findOne(SignInThrottle, { key: "login:principal" }))?.failures ?? 0;
    const before = await loginFailures();
    await signIn("nobody-a", "wrong", from);
    await signIn("nobody-b", "wrong", from);
    await signIn("principal", "wrong", { "x-forwarded-for": "203.0.113.43" });
    expect(codesOf(await signIn("principal", PASSWORD, from))).toEqual([]);
    const em = h.orm.em.fork();
    expect((await em.findOneOrFail(SignInThrottle, { key: "ip:203.0.113.42" })).failures).toBe(2);
    expect(await loginFailures()).toBe(before + 1);
    // The pair is cleared and its address now known to the login.
    const pair = await em.findOneOrFail(SignInThrottle, { key: "login:principal|203.0.113.42" });
    expect(pair.failures).toBe(0);
    expect(pair.lastSuccessAt).toBeInstanceOf(Date);
  });
});

describe("refreshSession and signOut", () => {
  it("rotates the refresh token within the same session", async () => {
    const first = (await signIn("parent")).data!.signIn;
    const second = await refresh(first.refreshToken);
    expect(second.errors).toBeUndefined();
    const next = second.data!.refreshSession;
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(next.user.login).toBe("parent");
    const a = await verifyAccessToken(h.tokens, first.accessToken);
    const b = await verifyAccessToken(h.tokens, next.accessToken);
    expect(b.sid).toBe(a.sid);
    expect(b.children).toEqual([h.world.student.id]);
    expect(codesOf(await refresh(next.refreshToken))).toEqual([]);
  });

  it("revokes the whole session when a replaced refresh token is presented again", async () => {
    const first = (await signIn("parent")).data!.signIn;
    const second = (await refresh(first.refreshToken)).data!.refreshSession;
    expect(codesOf(await refresh(first.refreshToken))).toEqual(["UNAUTHENTICATED"]);
    // The thief's replay also kills the legitimate successor.
    expect(codesOf(await refresh(second.refreshToken))).toEqual(["UNAUTHENTICATED"]);
  });

  it("lets only one of two concurrent refreshes with the same token win", async () => {
    const first = (await signIn("teacher")).data!.signIn;
    const results = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect(results.filter((r) => r.data?.refreshSession).length).toBeLessThanOrEqual(1);
  });

  it("signOut ends the session; an unknown token gives false", async () => {
    const session = (await signIn("student")).data!.signIn;
    const out = await post<{ signOut: boolean }>(h.url, SIGN_OUT, { refreshToken: session.refreshToken });
    expect(out.data?.signOut).toBe(true);
    expect(codesOf(await refresh(session.refreshToken))).toEqual(["UNAUTHENTICATED"]);
    const unknown = await post<{ signOut: boolean }>(h.url, SIGN_OUT, { refreshToken: "not-a-token" });
    expect(unknown.data?.signOut).toBe(false);
  });

  it("rejects a garbage refresh token", async () => {
    expect(codesOf(await refresh("garbage"))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("me", () => {
  it("needs a token", async () => {
    const res = await post(h.url, ME);
    expect(codesOf(res)).toEqual(["UNAUTHENTICATED"]);
  });

  it("returns the caller with all their own fields", async () => {
    const token = (await signIn("student")).data!.signIn.accessToken;
    const res = await post(h.url, ME, {}, bearer(token));
    expect(res.data!.me).toMatchObject({
      id: h.world.student.id,
      login: "student",
      role: "STUDENT",
      locale: "UZ_LATN",
      fullName: "Karimova Dilnoza Shavkatovna",
      birthDate: "2013-04-17",
      pinfl: "41704135230011",
      phone: "+998901112233",
      children: [],
    });
    // The matrix relates a parent to the child's teachers and school, not to the child's own account:
    // the student's list of guardians leaves out people the student may not see, and says nothing else.
    expect(res.data!.me.guardians).toEqual([]);
    expect(res.errors).toBeUndefined();
  });
});

describe("slow-down", () => {
  it("answers each further failure of a login later than the one before", async () => {
    const slow = await startUsers({ signInLock: { baseDelayMs: 40 } });
    try {
      const timed = async (): Promise<number> => {
        const started = performance.now();
        const res = await post(slow.url, SIGN_IN, { login: "teacher", password: "wrong" });
        expect(codesOf(res)).toEqual(["UNAUTHENTICATED"]);
        return performance.now() - started;
      };
      await timed();
      await timed();
      // Third failure: 40 · 2² ms at least.
      expect(await timed()).toBeGreaterThanOrEqual(160);
    } finally {
      await slow.close();
    }
  });
});
