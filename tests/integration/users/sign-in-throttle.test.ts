/**
 * Sign-in throttling against an attacker who wants to guess a password or lock people out, straight at the
 * users subgraph (the gateway's address arrives as X-Forwarded-For from a trusted loopback peer):
 * the owner keeps signing in from their usual address while the login is hammered from elsewhere, a
 * guesser spread over many addresses gets only a bounded number of tries, a school behind one address is
 * not locked out by a few of its pupils failing, and an unknown login is throttled exactly like a real one.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PasswordCredential, User } from "../../../subgraphs/users/entities/index.js";
import { hashPassword } from "../../../subgraphs/users/sign-in/password.js";
import { codesOf, PASSWORD, post, startUsers, type UsersHarness } from "../../fixtures/users.js";
import { SIGN_IN } from "../../graphql/users.js";

/** The default limits, without the growing delay (its doubling is tested in sign-in.test.ts). */
let h: UsersHarness;
/** The same with a small per-address budget, so that a spray spends it in a few dozen guesses. */
let small: UsersHarness;
const PUPILS = 60;
const SMALL_PUPILS = 20;
const pupil = (i: number): string => `pupil-${String(i).padStart(2, "0")}`;

async function withPupils(harness: UsersHarness, count = PUPILS): Promise<UsersHarness> {
  const em = harness.orm.em.fork();
  const hash = await hashPassword(PASSWORD);
  for (let i = 0; i < count; i++) {
    const user = em.create(User, { id: randomUUID(), login: pupil(i), role: "STUDENT" });
    em.persist(user);
    em.persist(em.create(PasswordCredential, { userId: user.id, hash }));
  }
  await em.flush();
  return harness;
}

beforeAll(async () => {
  h = await withPupils(await startUsers({ signInLock: { baseDelayMs: 0 } }));
  small = await withPupils(await startUsers({ signInLock: { baseDelayMs: 0, addressFailures: 20 } }), SMALL_PUPILS);
});
afterAll(async () => {
  await h?.close();
  await small?.close();
});

const from = (address: string): Record<string, string> => ({ "x-forwarded-for": address });
const attempt = async (login: string, password: string, address: string, harness = h): Promise<unknown[]> =>
  codesOf(await post(harness.url, SIGN_IN, { login, password }, from(address)));

describe("an attacker hammering one login", () => {
  it("from one address locks only that address: the owner signs in from home, and from a new address too", async () => {
    const home = "198.51.100.10";
    expect(await attempt("teacher", PASSWORD, home)).toEqual([]);
    const attacker = "203.0.113.10";
    const results: unknown[][] = [];
    for (let i = 0; i < 30; i++) results.push(await attempt("teacher", `guess-${i}`, attacker));
    // Only the first few guesses were checked at all; the rest were refused before the password check.
    expect(results.filter((codes) => codes[0] === "UNAUTHENTICATED")).toHaveLength(h.config.signInLock.maxFailures);
    expect(results.at(-1)).toEqual(["RATE_LIMITED"]);
    expect(await attempt("teacher", PASSWORD, attacker)).toEqual(["RATE_LIMITED"]);
    // The owner: at home, and at a school library they never used before (five guesses do not slow new addresses).
    expect(await attempt("teacher", PASSWORD, home)).toEqual([]);
    expect(await attempt("teacher", PASSWORD, "198.51.100.11")).toEqual([]);
  });

  it("from many addresses gets a bounded number of guesses in all, and still cannot lock the owner out of home", async () => {
    const home = "198.51.100.20";
    expect(await attempt("principal", PASSWORD, home)).toEqual([]);
    const { newAddressFailures, maxFailures } = h.config.signInLock;
    let checked = 0;
    // Three guesses from each of 20 addresses: 60 guesses, more than the login allows from new addresses.
    for (let a = 0; a < 20; a++) {
      for (let i = 0; i < 3; i++)
        if ((await attempt("principal", `guess-${a}-${i}`, `203.0.113.${100 + a}`))[0] === "UNAUTHENTICATED") checked++;
    }
    expect(checked).toBe(newAddressFailures);
    expect(checked).toBeGreaterThan(maxFailures);
    // The right password from a fresh address is refused while the attack lasts (the documented price) ...
    expect(await attempt("principal", PASSWORD, "203.0.113.250")).toEqual(["RATE_LIMITED"]);
    // ... but the owner's known address is held back by nothing but its own failures.
    expect(await attempt("principal", PASSWORD, home)).toEqual([]);
  });
});

describe("a school behind one address", () => {
  const school = "192.0.2.200";

  it(`${PUPILS} pupils sign in for the first time while a few of them mistype, and none is locked out`, async () => {
    const clumsy = new Set([3, 17, 29, 41, 58]);
    // The clumsy ones fail four times each (one short of locking themselves), in between everyone else.
    for (let round = 0; round < 4; round++) {
      for (const i of clumsy) expect(await attempt(pupil(i), `typo-${round}`, school)).toEqual(["UNAUTHENTICATED"]);
    }
    for (let i = 0; i < PUPILS; i++) expect(await attempt(pupil(i), PASSWORD, school), pupil(i)).toEqual([]);
  }, 60_000);

  it("a spray from the school's address spends its budget for new logins, never a pupil who signed in there before", async () => {
    for (let i = 0; i < SMALL_PUPILS; i++) expect(await attempt(pupil(i), PASSWORD, school, small)).toEqual([]);
    const { addressFailures } = small.config.signInLock;
    const results: unknown[][] = [];
    for (let i = 0; i < addressFailures + 10; i++) results.push(await attempt(`stranger-${i}`, "123456", school, small));
    expect(results.filter((codes) => codes[0] === "UNAUTHENTICATED")).toHaveLength(addressFailures);
    expect(await attempt("teacher", PASSWORD, school, small)).toEqual(["RATE_LIMITED"]);
    // Every pupil has signed in from the school before: the address is known to them, so the spray does not touch them.
    for (let i = 0; i < SMALL_PUPILS; i++) expect(await attempt(pupil(i), PASSWORD, school, small), pupil(i)).toEqual([]);
  }, 60_000);
});

describe("no user enumeration through the throttle", () => {
  it("an unknown login is answered, slowed and locked exactly like a real one", async () => {
    const address = "203.0.113.200";
    const real: unknown[][] = [];
    const unknown: unknown[][] = [];
    const messages = new Set<string>();
    for (let i = 0; i < h.config.signInLock.maxFailures + 2; i++) {
      for (const [login, into] of [
        ["parent-2", real],
        ["no-such-parent", unknown],
      ] as const) {
        const res = await post(h.url, SIGN_IN, { login, password: `wrong-${i}` }, from(address));
        into.push(codesOf(res));
        messages.add(`${i}:${res.errors?.[0]?.message}`);
      }
    }
    expect(unknown).toEqual(real);
    // Each round's two answers had the same message.
    expect(messages.size).toBe(h.config.signInLock.maxFailures + 2);
  });

  it("a wrong password and an unknown login take about as long (both pay one scrypt)", async () => {
    const timed = async (login: string, address: string): Promise<number> => {
      const started = performance.now();
      expect(await attempt(login, "wrong", address)).toEqual(["UNAUTHENTICATED"]);
      return performance.now() - started;
    };
    const real: number[] = [];
    const unknown: number[] = [];
    // Interleaved, each from a fresh address so that no delay builds up.
    for (let i = 0; i < 6; i++) {
      real.push(await timed("student", `198.18.0.${i}`));
      unknown.push(await timed("no-such-student", `198.18.1.${i}`));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [a, b] = [median(real), median(unknown)];
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(2);
  });
});
