/**
 * The HTTP side of RUNTIME.md, through the gateway: /health, X-Request-Id, refusals before any subgraph
 * is called, purposes, languages, what an error may contain, the features not built yet, and sessions.
 */
import { createServer, type Server } from "node:http";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "../../gateway/gateway.js";
import { loadConfig, type SubgraphName } from "../../shared/config.js";
import type { Listening } from "../../shared/http/serve.js";
import { ERROR_MESSAGES } from "../../shared/i18n/messages.js";
import { latinToCyrillic } from "../../shared/i18n/translit.js";
import { User } from "../../subgraphs/users/entities/index.js";
import { codes, doc, gql, signIn, type GqlResponse } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

const SIGN_IN = doc("sign-in");
const REFRESH_SESSION = doc("refresh-session");
const SIGN_OUT = doc("sign-out");
const USER_PERSONAL = doc("user-personal");
const TERRITORY = /* GraphQL */ `
  {
    regions {
      name
      districts {
        name
        schools {
          name
        }
      }
    }
  }
`;

let system: TestSystem;
let ids: DemoIds;
const extraServers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
});
afterAll(async () => {
  for (const server of extraServers.reverse()) await server.close();
  await system?.stop();
});

const origin = () => new URL(system.gatewayUrl).origin;

/** A second gateway over the same keys, with the subgraphs at the given URLs. */
async function gatewayWith(urls: Record<SubgraphName, string>): Promise<Listening> {
  const config = loadConfig({ DATA_DIR: await mkdtemp(path.join(tmpdir(), "emaktab-e2e-http-")) });
  const gateway = await startGateway({ config, tokens: system.tokens, subgraphUrls: urls, host: "127.0.0.1", port: 0 });
  extraServers.push(gateway);
  return gateway;
}

/** A stand-in for every subgraph that counts the requests reaching it (and answers `me { id }`). */
async function countingSubgraph(): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ data: { me: { id: "stand-in" } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  extraServers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/graphql`, hits: () => hits };
}

/** Nothing of the implementation (stack frames, SQL, driver names) in a client-visible response. */
function expectNoInternals(res: GqlResponse, label: string): void {
  const json = JSON.stringify({ errors: res.errors, data: res.data });
  expect(json, label).not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|stacktrace|\.ts:\d+/i);
  expect(json, label).not.toMatch(/\bselect\b.*\bfrom\b|insert into|sqlite|libsql|mikro-?orm/i);
  // Nor where the subgraphs are or what they answered: only the documented members of an error.
  expect(json, label).not.toMatch(/"response"|"url"|"serviceName"|"statusText"|"http"|https?:\/\/|127\.0\.0\.1/);
  for (const error of res.errors ?? []) {
    expect(
      Object.keys(error).filter((k) => !["message", "locations", "path", "extensions"].includes(k)),
      label,
    ).toEqual([]);
    const extra = Object.keys(error.extensions ?? {}).filter(
      (k) => !["code", "field", "detail", "category", "reason", "what", "feature"].includes(k),
    );
    expect(extra, label).toEqual([]);
  }
}

describe("health", () => {
  it("GET /health → 200 {status: ok} when every subgraph answers", async () => {
    const response = await fetch(`${origin()}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("GET /health → 503 naming the subgraph that does not answer", async () => {
    const gateway = await gatewayWith({ ...system.subgraphUrls, notifications: "http://127.0.0.1:1/graphql" });
    const response = await fetch(`${new URL(gateway.url).origin}/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; failing: Record<string, string> };
    expect(body.status).not.toBe("ok");
    expect(Object.keys(body.failing)).toEqual(["notifications"]);
  });
});

describe("request ids", () => {
  it("X-Request-Id is echoed when sent and generated when absent", async () => {
    const sent = await gql(system.gatewayUrl, "{ __typename }", {}, { requestId: "e2e-req-42" });
    expect(sent.headers.get("x-request-id")).toBe("e2e-req-42");
    const first = await gql(system.gatewayUrl, "{ __typename }");
    const second = await gql(system.gatewayUrl, "{ __typename }");
    expect(first.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    expect(second.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    expect(first.headers.get("x-request-id")).not.toBe(second.headers.get("x-request-id"));
  });
});

describe("refusals at the door", () => {
  it("a bad token → UNAUTHENTICATED with HTTP 401, before any subgraph is called", async () => {
    const stand = await countingSubgraph();
    const gateway = await gatewayWith({ users: stand.url, institutions: stand.url, journal: stand.url, notifications: stand.url });
    for (const token of ["not-a-jwt", `${(await signIn(system.gatewayUrl, "demo-parent")).slice(0, -4)}AAAA`]) {
      const res = await gql(gateway.url, "{ me { id fullName } }", {}, { token });
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
      expect(res.data ?? null).toBeNull();
      expectNoInternals(res, "bad token");
    }
    expect(stand.hits()).toBe(0);
    // Control: a good token does go on to the subgraphs.
    const control = await gql(gateway.url, "{ me { id } }", {}, { token: await signIn(system.gatewayUrl, "demo-parent") });
    expect(control.data).toEqual({ me: { id: "stand-in" } });
    expect(stand.hits()).toBe(1);
  });

  it("the real gateway answers a bad token the same way", async () => {
    const res = await gql(system.gatewayUrl, "{ me { id } }", {}, { token: "garbage.garbage.garbage" });
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
  });

  it("a purpose the role may not declare → FORBIDDEN (demo-parent with ADMINISTRATION)", async () => {
    const token = await signIn(system.gatewayUrl, "demo-parent");
    const res = await gql(system.gatewayUrl, "{ me { id fullName } }", {}, { token, purpose: "ADMINISTRATION" });
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    expect(res.data ?? null).toBeNull();
  });

  it("LEGAL_REQUEST without X-Legal-Basis → FORBIDDEN, even for the data protection officer", async () => {
    const token = await signIn(system.gatewayUrl, "demo-dpo");
    const without = await gql(system.gatewayUrl, USER_PERSONAL, { id: ids.people["demo-student"].id }, { token, purpose: "LEGAL_REQUEST" });
    expect(codes(without)).toEqual(["FORBIDDEN"]);
    expect(without.data ?? null).toBeNull();
    const withBasis = await gql(
      system.gatewayUrl,
      USER_PERSONAL,
      { id: ids.people["demo-student"].id },
      { token, purpose: "LEGAL_REQUEST", legalBasis: "court-order-2026-118" },
    );
    expect(withBasis.errors).toBeUndefined();
    expect(withBasis.data.user.pinfl).toBe(ids.people["demo-student"].values.pinfl);
  });
});

describe("languages", () => {
  it("Accept-Language uz-Cyrl: region, district, school and person names in Cyrillic", async () => {
    const token = await signIn(system.gatewayUrl, "demo-parent");
    const cyrl = await gql(system.gatewayUrl, TERRITORY, {}, { token, language: "uz-Cyrl" });
    expect(cyrl.errors).toBeUndefined();
    const tashkent = cyrl.data.regions.find((r: any) => r.name === "Тошкент шаҳри");
    expect(tashkent, JSON.stringify(cyrl.data.regions.map((r: any) => r.name))).toBeTruthy();
    const names: string[] = [tashkent.name, ...tashkent.districts.flatMap((d: any) => [d.name, ...d.schools.map((s: any) => s.name)])];
    expect(names).toContain("Чилонзор 1-мактаб");
    expect(names.filter((n) => /[A-Za-z]/.test(n))).toEqual([]);

    const latn = await gql(system.gatewayUrl, TERRITORY, {}, { token, language: "uz-Latn" });
    expect(latn.data.regions.map((r: any) => r.name)).toContain("Toshkent shahri");

    const stored = await system.orms.users.em.fork().findOneOrFail(User, { login: "demo-parent" });
    const me = await gql(system.gatewayUrl, "{ me { fullName } }", {}, { token, language: "uz-Cyrl" });
    expect(me.data.me.fullName).toBe(stored.fullNameCyrl ?? latinToCyrillic(stored.fullName!));
    expect(me.data.me.fullName).not.toBe(stored.fullName);
  });

  it("an error message is the catalog's text in uz-Latn, uz-Cyrl, ru and en, different in each", async () => {
    const token = await signIn(system.gatewayUrl, "demo-parent");
    const seen: string[] = [];
    for (const [language, locale] of [
      ["uz-Latn", "UZ_LATN"],
      ["uz-Cyrl", "UZ_CYRL"],
      ["ru", "RU"],
      ["en", "EN"],
    ] as const) {
      // Refused at the door (purpose) and refused as an object (user of another family): the same headline,
      // each with its own reason kept in extensions.detail (and after the headline).
      const purpose = await gql(system.gatewayUrl, "{ me { id } }", {}, { token, purpose: "ADMINISTRATION", language });
      const object = await gql(system.gatewayUrl, USER_PERSONAL, { id: ids.people["demo-student-2"].id }, { token, language });
      for (const [res, detail] of [
        [purpose, "The role PARENT may not declare the purpose ADMINISTRATION"],
        [object, "You have no relationship to this person"],
      ] as const) {
        const error = res.errors!.find((e) => e.extensions?.code === "FORBIDDEN")!;
        expect(error.message, language).toBe(`${ERROR_MESSAGES.FORBIDDEN![locale]} (${detail})`);
        expect(error.extensions?.detail, language).toBe(detail);
      }
      seen.push(purpose.errors![0]!.message);
    }
    expect(new Set(seen).size).toBe(4);
  });
});

describe("Accept-Language with regions, scripts and quality lists", () => {
  it.each([
    ["uz-Cyrl-UZ", "UZ_CYRL"],
    ["ru-RU", "RU"],
    ["en-US,en;q=0.9", "EN"],
    ["ru;q=0.9, uz-Cyrl;q=0.8", "RU"],
    ["en;q=0.1, uz-Cyrl-UZ;q=0.8", "UZ_CYRL"],
    ["uz-UZ", "UZ_LATN"],
  ] as const)("%s → %s, at the gateway and in the subgraphs", async (language, locale) => {
    const token = await signIn(system.gatewayUrl, "demo-parent");
    const purpose = await gql(system.gatewayUrl, "{ me { id } }", {}, { token, purpose: "ADMINISTRATION", language });
    const object = await gql(system.gatewayUrl, USER_PERSONAL, { id: ids.people["demo-student-2"].id }, { token, language });
    for (const res of [purpose, object]) {
      expect(
        res.errors!.find((e) => e.extensions?.code === "FORBIDDEN")!.message.startsWith(`${ERROR_MESSAGES.FORBIDDEN![locale]} (`),
      ).toBe(true);
    }
    const names: string[] = (await gql(system.gatewayUrl, "{ regions { name } }", {}, { token, language })).data.regions.map(
      (r: any) => r.name,
    );
    if (locale === "UZ_CYRL") expect(names).toContain("Тошкент шаҳри");
    if (locale === "UZ_LATN") expect(names).toContain("Toshkent shahri");
    if (locale === "UZ_CYRL" || locale === "RU") expect(names.filter((n) => /[A-Za-z]/.test(n))).toEqual([]);
  });
});

describe("what an error may contain", () => {
  it("no stack trace, file name or SQL in any error response", async () => {
    const token = await signIn(system.gatewayUrl, "demo-teacher");
    const responses: Array<[string, GqlResponse]> = [
      ["no token", await gql(system.gatewayUrl, "{ me { id } }")],
      ["bad token", await gql(system.gatewayUrl, "{ me { id } }", {}, { token: "x.y.z" })],
      ["unknown purpose", await gql(system.gatewayUrl, "{ me { id } }", {}, { token, purpose: "SPYING" })],
      ["forbidden", await gql(system.gatewayUrl, USER_PERSONAL, { id: ids.people["demo-dpo"].id }, { token })],
      ["withheld", await gql(system.gatewayUrl, USER_PERSONAL, { id: ids.people["demo-student-2"].id }, { token })],
      ["bad id", await gql(system.gatewayUrl, USER_PERSONAL, { id: "'; drop table users; --" }, { token })],
      ["unknown id", await gql(system.gatewayUrl, USER_PERSONAL, { id: "00000000-0000-4000-8000-000000000000" }, { token })],
      [
        "backwards range",
        await gql(
          system.gatewayUrl,
          `query($c: ID!, $s: ID!) { classJournal(classId: $c, subjectId: $s, from: "2026-12-01", to: "2026-11-01") { lessons { id } } }`,
          { c: ids.classes["5-A"], s: ids.subjects["Matematika"] },
          { token },
        ),
      ],
      ["parse error", await gql(system.gatewayUrl, "{ me { id ", {}, { token })],
      ["unknown field", await gql(system.gatewayUrl, "{ me { password } }", {}, { token })],
      ["wrong password", await gql(system.gatewayUrl, SIGN_IN, { login: "demo-teacher-2", password: "not-the-password" })],
      ["unknown login", await gql(system.gatewayUrl, SIGN_IN, { login: "nobody-at-all", password: "whatever" })],
      ["bad refresh token", await gql(system.gatewayUrl, REFRESH_SESSION, { refreshToken: "not-a-refresh-token" })],
      [
        "bad date literal",
        await gql(
          system.gatewayUrl,
          `query($c: ID!, $s: ID!) { classJournal(classId: $c, subjectId: $s, from: "2026-11-01", to: "2026-11-16' OR 1=1--") { lessons { id } } }`,
          { c: ids.classes["5-A"], s: ids.subjects["Matematika"] },
          { token },
        ),
      ],
      [
        "bad date variable",
        await gql(
          system.gatewayUrl,
          `query($c: ID!, $s: ID!, $to: Date!) { classJournal(classId: $c, subjectId: $s, from: "2026-11-01", to: $to) { lessons { id } } }`,
          { c: ids.classes["5-A"], s: ids.subjects["Matematika"], to: "2026-13-45" },
          { token },
        ),
      ],
    ];
    for (const [label, res] of responses) {
      expect(res.errors?.length, label).toBeGreaterThan(0);
      expectNoInternals(res, label);
    }
    expect(codes(responses[3]![1])).toContain("FORBIDDEN");
    expect(codes(responses[4]![1])).toContain("PERSONAL_DATA_WITHHELD");
    expect(codes(responses[5]![1]).some((c) => c === "BAD_USER_INPUT" || c === "NOT_FOUND" || c === "FORBIDDEN")).toBe(true);
    expect(codes(responses[7]![1])).toEqual(["BAD_USER_INPUT"]);
    for (const index of [10, 11, 12]) expect(codes(responses[index]![1]), responses[index]![0]).toEqual(["UNAUTHENTICATED"]);
    for (const index of [13, 14]) {
      const [label, res] = responses[index]!;
      expect(codes(res), label).toEqual(["BAD_USER_INPUT"]);
      expect(res.status, label).toBe(400);
      expect(res.errors![0]!.message, label).toMatch(/\(Date, .*(YYYY-MM-DD|not a calendar date)/);
      expect(res.data?.classJournal ?? null, label).toBeNull();
    }
  });
});

describe("sessions", () => {
  const signInFresh = async (login: string, password = "demo-password") => gql(system.gatewayUrl, SIGN_IN, { login, password });

  it("signIn with a wrong password → UNAUTHENTICATED, no token", async () => {
    const res = await signInFresh("demo-teacher-other", "not-the-password");
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
    expect(res.data?.signIn ?? null).toBeNull();
    expect(JSON.stringify(res)).not.toContain('accessToken":"');
  });

  it("refreshSession rotates: new tokens that work, the old refresh token is spent", async () => {
    const first = (await signInFresh("demo-student")).data.signIn;
    const refreshed = await gql(system.gatewayUrl, REFRESH_SESSION, { refreshToken: first.refreshToken });
    expect(refreshed.errors).toBeUndefined();
    const second = refreshed.data.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const me = await gql(system.gatewayUrl, "{ me { id } }", {}, { token: second.accessToken });
    expect(me.data.me.id).toBe(ids.people["demo-student"].id);

    const replay = await gql(system.gatewayUrl, REFRESH_SESSION, { refreshToken: first.refreshToken });
    expect(codes(replay)).toEqual(["UNAUTHENTICATED"]);
  });

  it("signOut revokes: refreshing after signOut → UNAUTHENTICATED", async () => {
    const session = (await signInFresh("demo-student-2")).data.signIn;
    const out = await gql(system.gatewayUrl, SIGN_OUT, { refreshToken: session.refreshToken }, { token: session.accessToken });
    expect(out.errors).toBeUndefined();
    expect(out.data.signOut).toBe(true);
    const after = await gql(system.gatewayUrl, REFRESH_SESSION, { refreshToken: session.refreshToken });
    expect(codes(after)).toEqual(["UNAUTHENTICATED"]);
    expect(after.data?.refreshSession ?? null).toBeNull();
  });
});
