/**
 * Sign-in throttling through the gateway, each caller on its own loopback address (127.0.0.x; the gateway
 * keys on the socket's peer and passes it on to users): an attacker hammering a login from elsewhere does not
 * lock its owner out, a guesser spread over many addresses gets a bounded number of tries, 60 pupils behind
 * one school address sign in while a few of them mistype, and an unknown login is throttled like a real one.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../shared/config.js";
import { PasswordCredential, User } from "../../subgraphs/users/entities/index.js";
import { hashPassword } from "../../subgraphs/users/sign-in/password.js";
import { doc } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";

const SIGN_IN = doc("sign-in");
/** The default limits (the system below changes only the delay). */
const LOCK = loadConfig({}).signInLock;
let system: TestSystem;

beforeAll(async () => {
  // No growing delay, so that dozens of failures take seconds; the limits themselves are the defaults.
  system = await startTestSystem({ SIGNIN_DELAY_MS: "0" });
});
afterAll(async () => {
  await system?.stop();
});

/** signIn sent from `localAddress`; the error codes of the answer ([] = signed in). */
function signInFrom(localAddress: string, login: string, password: string): Promise<string[]> {
  const url = new URL(system.gatewayUrl);
  const body = JSON.stringify({ query: SIGN_IN, variables: { login, password } });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          const answer = JSON.parse(text) as {
            data?: { signIn?: { accessToken?: string } };
            errors?: Array<{ extensions?: { code?: string } }>;
          };
          const codes = (answer.errors ?? []).map((e) => String(e.extensions?.code));
          if (codes.length === 0 && !answer.data?.signIn?.accessToken) reject(new Error(`no token and no error: ${text}`));
          else resolve(codes);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const PASSWORD = "demo-password";

describe("an attacker hammering a login through the gateway", () => {
  it("from another address cannot lock the owner out", async () => {
    const home = "127.0.0.10";
    const attacker = "127.0.0.66";
    expect(await signInFrom(home, "demo-teacher", PASSWORD)).toEqual([]);
    const results: string[][] = [];
    for (let i = 0; i < 25; i++) results.push(await signInFrom(attacker, "demo-teacher", `guess-${i}`));
    expect(results.filter((c) => c[0] === "UNAUTHENTICATED")).toHaveLength(LOCK.maxFailures);
    expect(results.at(-1)).toEqual(["RATE_LIMITED"]);
    expect(await signInFrom(attacker, "demo-teacher", PASSWORD)).toEqual(["RATE_LIMITED"]);
    // While the attacker keeps at it, the owner signs in as usual.
    expect(await signInFrom(home, "demo-teacher", PASSWORD)).toEqual([]);
    expect(await signInFrom(attacker, "demo-teacher", "one-more")).toEqual(["RATE_LIMITED"]);
    expect(await signInFrom(home, "demo-teacher", PASSWORD)).toEqual([]);
  }, 60_000);

  it("from many addresses gets SIGNIN_NEW_ADDRESS_FAILURES guesses in all; the owner's usual address still works", async () => {
    const home = "127.0.0.11";
    expect(await signInFrom(home, "demo-principal", PASSWORD)).toEqual([]);
    let checked = 0;
    for (let a = 0; a < 15; a++) {
      for (let i = 0; i < 3; i++)
        if ((await signInFrom(`127.0.1.${a + 1}`, "demo-principal", `guess-${a}-${i}`))[0] === "UNAUTHENTICATED") checked++;
    }
    expect(checked).toBe(LOCK.newAddressFailures);
    expect(await signInFrom(home, "demo-principal", PASSWORD)).toEqual([]);
  }, 60_000);
});

describe("a school behind one address", () => {
  it("60 pupils sign in while five of them mistype four times each, and none is locked out", async () => {
    // The demo world's pupils have no passwords (only the demo accounts do): give 60 of them one.
    const em = system.orms.users.em.fork();
    const students = (await em.find(User, { role: "STUDENT" }, { orderBy: { login: "asc" } }))
      .filter((u) => !u.login.startsWith("demo-"))
      .slice(0, 60);
    expect(students).toHaveLength(60);
    const hash = await hashPassword(PASSWORD);
    for (const student of students) em.persist(em.create(PasswordCredential, { userId: student.id, hash }));
    await em.flush();
    const pupils = students.map((u) => u.login);
    expect(pupils).toHaveLength(60);
    const school = "127.0.0.60";
    for (let round = 0; round < 4; round++) {
      for (const login of pupils.slice(0, 5)) expect(await signInFrom(school, login, `typo-${round}`)).toEqual(["UNAUTHENTICATED"]);
    }
    for (const login of pupils) expect(await signInFrom(school, login, PASSWORD), login).toEqual([]);
  }, 120_000);
});

describe("no user enumeration", () => {
  it("an unknown login gets the same answers as a real one, failure after failure, until both are locked", async () => {
    const real: string[][] = [];
    const unknown: string[][] = [];
    for (let i = 0; i < LOCK.maxFailures + 2; i++) {
      real.push(await signInFrom("127.0.0.77", "demo-parent-other", `wrong-${i}`));
      unknown.push(await signInFrom("127.0.0.77", "demo-nobody", `wrong-${i}`));
    }
    expect(unknown).toEqual(real);
    expect(real.at(-1)).toEqual(["RATE_LIMITED"]);
  });
});
