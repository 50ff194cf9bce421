/**
 * Refusals a subgraph answers with a 4xx status (wrong password, a locked sign-in, a spent refresh token)
 * reach the client through the gateway with the subgraph's own code and message and a matching HTTP
 * status, never as INTERNAL_SERVER_ERROR and never with the subgraph's URL or raw response attached.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_MESSAGES } from "../../shared/i18n/messages.js";
import { codes, doc, gql, type GqlResponse } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";

const SIGN_IN = doc("sign-in");
const REFRESH_SESSION = doc("refresh-session");

let system: TestSystem;

beforeAll(async () => {
  // No growing delay between failures, so five of them take milliseconds.
  system = await startTestSystem({ SIGNIN_DELAY_MS: "0", SIGNIN_MAX_FAILURES: "5" });
});
afterAll(async () => {
  await system?.stop();
});

/** Only the documented members of an error: message, locations, path and a few extensions. */
function expectCleanErrors(res: GqlResponse, label: string): void {
  expect(res.errors?.length, label).toBeGreaterThan(0);
  for (const error of res.errors ?? []) {
    expect(
      Object.keys(error).filter((k) => !["message", "locations", "path", "extensions"].includes(k)),
      label,
    ).toEqual([]);
    expect(
      Object.keys(error.extensions ?? {}).filter((k) => !["code", "field", "detail", "category", "reason"].includes(k)),
      label,
    ).toEqual([]);
  }
  const json = JSON.stringify(res.errors);
  expect(json, label).not.toMatch(/"response"|"url"|"serviceName"|"stacktrace"|"http"/);
  expect(json, label).not.toMatch(/https?:\/\/|127\.0\.0\.1|localhost/);
  expect(json, label).not.toMatch(/\n\s+at |\.ts:\d+|\bselect\b.*\bfrom\b|insert into|sqlite|libsql|mikro-?orm/i);
}

describe("sign-in refusals through the gateway", () => {
  it("a wrong password → UNAUTHENTICATED with HTTP 401, in the caller's language, nothing else attached", async () => {
    const res = await gql(system.gatewayUrl, SIGN_IN, { login: "demo-teacher-2", password: "wrong" }, { language: "ru" });
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
    expect(res.errors![0]!.message).toBe(`${ERROR_MESSAGES.UNAUTHENTICATED!.RU} (Wrong login or password)`);
    expect(res.errors![0]!.extensions!.detail).toBe("Wrong login or password");
    expect(res.errors![0]!.path).toEqual(["signIn"]);
    expect(res.data?.signIn ?? null).toBeNull();
    expectCleanErrors(res, "wrong password");
  });

  it("five wrong passwords, then the right one → RATE_LIMITED with HTTP 429", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await gql(system.gatewayUrl, SIGN_IN, { login: "demo-student-2", password: `guess-${i}` });
      expect(codes(res), `failure ${i + 1}`).toEqual(["UNAUTHENTICATED"]);
    }
    const locked = await gql(system.gatewayUrl, SIGN_IN, { login: "demo-student-2", password: "demo-password" }, { language: "en" });
    expect(locked.status).toBe(429);
    expect(codes(locked)).toEqual(["RATE_LIMITED"]);
    expect(locked.errors![0]!.message).toBe(`${ERROR_MESSAGES.RATE_LIMITED!.EN} (Too many failed sign-in attempts; try again later)`);
    expect(locked.data?.signIn ?? null).toBeNull();
    expectCleanErrors(locked, "locked");

    // The lock is per login: someone else still signs in.
    const other = await gql(system.gatewayUrl, SIGN_IN, { login: "demo-parent", password: "demo-password" });
    expect(other.errors).toBeUndefined();
    expect(other.data.signIn.accessToken).toEqual(expect.any(String));
  });

  it("a bad refresh token → UNAUTHENTICATED with HTTP 401, nothing else attached", async () => {
    const res = await gql(system.gatewayUrl, REFRESH_SESSION, { refreshToken: "not-a-refresh-token" });
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
    expect(res.data?.refreshSession ?? null).toBeNull();
    expectCleanErrors(res, "bad refresh token");
  });

  it("an account whose user agreement was withdrawn → FORBIDDEN with HTTP 403, the consent named, nothing else attached", async () => {
    const signedIn = await gql(system.gatewayUrl, SIGN_IN, { login: "demo-teacher-other", password: "demo-password" });
    const withdrawn = await gql(
      system.gatewayUrl,
      "mutation { withdrawConsent(kind: USER_AGREEMENT) { inForce } }",
      {},
      { token: signedIn.data.signIn.accessToken },
    );
    expect(withdrawn.data).toEqual({ withdrawConsent: { inForce: false } });
    const res = await gql(system.gatewayUrl, SIGN_IN, { login: "demo-teacher-other", password: "demo-password" }, { language: "uz-Latn" });
    expect(res.status).toBe(403);
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    expect(res.errors![0]!.message).toMatch(new RegExp(`^${ERROR_MESSAGES.FORBIDDEN!.UZ_LATN} \\(consent withdrawn: USER_AGREEMENT;`));
    expect(res.errors![0]!.extensions!.detail).toMatch(/consents: \[USER_AGREEMENT\]/);
    expect(res.data?.signIn ?? null).toBeNull();
    expectCleanErrors(res, "consent withdrawn");
  });

  it("a subgraph answering 4xx with a non-GraphQL body → SERVICE_UNAVAILABLE (an outage, not a bug) without its URL or body", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      req.resume();
      res.statusCode = 418;
      res.setHeader("content-type", "text/html");
      res.end("<html>secret proxy page at 10.0.0.7</html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const { startGateway } = await import("../../gateway/gateway.js");
    const { loadConfig } = await import("../../shared/config.js");
    const stand = `http://127.0.0.1:${port}/graphql`;
    const gateway = await startGateway({
      config: loadConfig({ DATA_DIR: "/nonexistent" }),
      tokens: system.tokens,
      subgraphUrls: { users: stand, institutions: stand, journal: stand, notifications: stand },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const res = await gql(gateway.url, SIGN_IN, { login: "demo-parent", password: "demo-password" });
      expect(codes(res)).toEqual(["SERVICE_UNAVAILABLE"]);
      expectCleanErrors(res, "non-GraphQL 4xx");
      expect(JSON.stringify(res.errors)).not.toContain("secret proxy page");
    } finally {
      await gateway.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
