/**
 * The gateway's limits (README "Limits"): each refused with TOO_COMPLEX or RATE_LIMITED before any subgraph
 * is called (requests reaching the subgraphs are counted by proxies in front of them), while the defaults
 * let the project's own documents through. Rate limits here are the in-memory ones; the Redis store shared
 * by two gateways is tested in tests/services/rate-limit-redis.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_MESSAGES } from "../../shared/i18n/messages.js";
import { codes, doc, gql, signIn, type GqlResponse } from "../support/client.js";
import { countedGateway, PRODUCTION_ENV, type CountedGateway } from "../support/gateway-front.js";
import { startTestSystem, type TestSystem } from "../support/system.js";

let system: TestSystem;
let front: CountedGateway;
const gateways: CountedGateway[] = [];
let teacher: string;

beforeAll(async () => {
  system = await startTestSystem();
  front = await gateway();
  teacher = await signIn(system.gatewayUrl, "demo-teacher");
});
afterAll(async () => {
  for (const g of gateways) await g.close();
  await system?.stop();
});

async function gateway(env: Record<string, string> = {}): Promise<CountedGateway> {
  const g = await countedGateway(system, env);
  gateways.push(g);
  return g;
}

/** `me { school { classes { school { … name } } } }` with exactly `depth` levels of fields, the leaf included. */
function deepQuery(depth: number): string {
  const path = ["me", ...Array.from({ length: depth - 2 }, (_, i) => (i % 2 === 0 ? "school" : "classes"))];
  const leaf = path.at(-1) === "classes" || path.at(-1) === "me" ? "id" : "name";
  return `{ ${path.map((f) => `${f} {`).join(" ")} ${leaf} ${"}".repeat(path.length)} }`;
}

const aliases = (n: number): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(" ")} }`;

/** The request is refused with `code` and no subgraph sees it. */
async function refusedAtTheDoor(g: CountedGateway, send: () => Promise<GqlResponse>, code: string, status: number): Promise<GqlResponse> {
  const before = g.subgraphHits();
  const res = await send();
  expect(codes(res)).toEqual([code]);
  expect(res.status).toBe(status);
  expect(res.data ?? null).toBeNull();
  expect(g.subgraphHits() - before, "requests that reached a subgraph").toBe(0);
  return res;
}

/** The request goes through to the subgraphs and is answered without a limit's error. */
async function admitted(g: CountedGateway, send: () => Promise<GqlResponse>): Promise<GqlResponse> {
  const before = g.subgraphHits();
  const res = await send();
  expect(codes(res)).not.toContain("TOO_COMPLEX");
  expect(codes(res)).not.toContain("RATE_LIMITED");
  expect(g.subgraphHits() - before).toBeGreaterThan(0);
  return res;
}

describe("complexity limits, refused before any subgraph is called", () => {
  it("depth: 10 levels pass, 11 are TOO_COMPLEX (default MAX_DEPTH=10)", async () => {
    // The walk goes through `classes` four times, which the cost would refuse (60⁴ classes): depth alone here.
    const deep = await gateway({ MAX_COST: "1000000000" });
    const ok = await admitted(deep, () => gql(deep.url, deepQuery(10), {}, { token: teacher }));
    expect(ok.data?.me?.school?.classes?.length).toBeGreaterThan(0);
    const res = await refusedAtTheDoor(deep, () => gql(deep.url, deepQuery(11), {}, { token: teacher }), "TOO_COMPLEX", 400);
    expect(res.errors![0]!.extensions?.detail).toMatch(/depth limit of 10 exceeded, found 11/);
  });

  it("aliases: 15 pass, 16 are TOO_COMPLEX (default MAX_ALIASES=15)", async () => {
    const ok = await admitted(front, () => gql(front.url, aliases(15), {}, { token: teacher }));
    expect(ok.data?.a14?.id).toBeTruthy();
    const res = await refusedAtTheDoor(front, () => gql(front.url, aliases(16), {}, { token: teacher }), "TOO_COMPLEX", 400);
    expect(res.errors![0]!.extensions?.detail).toMatch(/Aliases limit of 15 exceeded/i);
  });

  it("cost: asking for 100 000 notifications is over the budget (default MAX_COST=250000)", async () => {
    const query = "{ me { notifications(first: 100000) { id kind title body } } }";
    const res = await refusedAtTheDoor(front, () => gql(front.url, query, {}, { token: teacher }), "TOO_COMPLEX", 400);
    expect(res.errors![0]!.extensions?.detail).toMatch(/Cost limit of 250000 exceeded/i);
    await admitted(front, () => gql(front.url, query.replace("100000", "100"), {}, { token: teacher }));
  });

  it("cost counts list sizes: every mark and its history of a whole school is refused, even as one alias", async () => {
    const principal = await signIn(system.gatewayUrl, "demo-principal");
    const everything =
      "school { classes { students { grades { value history { changedAt } } attendance { status history { changedAt } } } } }";
    const res = await refusedAtTheDoor(
      front,
      () => gql(front.url, `{ me { ${everything} } }`, {}, { token: principal, purpose: "JOURNAL" }),
      "TOO_COMPLEX",
      400,
    );
    expect(res.errors![0]!.extensions?.detail).toMatch(/Cost limit of 250000 exceeded, found \d{8,}/);
    // Fifteen aliases of a lighter walk (every pupil's marks, no history) add up and are refused too ...
    const marks = "school { classes { students { grades { value } } } }";
    const aliased = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: me { ${marks} }`).join(" ")} }`;
    await refusedAtTheDoor(front, () => gql(front.url, aliased, {}, { token: principal, purpose: "JOURNAL" }), "TOO_COMPLEX", 400);
    // ... while the school's roster, one list level less, is an ordinary query.
    const roster = await admitted(front, () =>
      gql(front.url, "{ me { school { classes { name students { fullName } } } } }", {}, { token: principal, purpose: "JOURNAL" }),
    );
    expect(roster.data?.me?.school?.classes?.length).toBeGreaterThan(0);
  });

  it("cost: a `first` given as a variable costs the field's cap, so a variable cannot hide a large page", async () => {
    const tight = await gateway({ MAX_COST: "1000" });
    const query = "query($n: Int) { me { notifications(first: $n) { id kind title body } } }";
    // Cap 100 × 6 = 600 + 2: within 1000 whatever $n says (the resolver caps the page at 100).
    await admitted(tight, () => gql(tight.url, query, { n: 100 }, { token: teacher }));
    const twice = `query($n: Int) { a: me { notifications(first: $n) { id kind title body } } b: me { notifications(first: $n) { id kind title body } } }`;
    await refusedAtTheDoor(tight, () => gql(tight.url, twice, { n: 1 }, { token: teacher }), "TOO_COMPLEX", 400);
  });

  it("tokens: a document over MAX_TOKENS is refused before it is parsed", async () => {
    const query = `{ me { ${"id ".repeat(2100)}} }`;
    const res = await refusedAtTheDoor(front, () => gql(front.url, query, {}, { token: teacher }), "TOO_COMPLEX", 400);
    expect(res.errors![0]!.extensions?.detail).toMatch(/Token limit of 2000 exceeded/);
  });

  it("directives: more than MAX_DIRECTIVES is TOO_COMPLEX", async () => {
    const query = `{ me { id ${"__typename @include(if: true) ".repeat(21)}} }`;
    await refusedAtTheDoor(front, () => gql(front.url, query, {}, { token: teacher }), "TOO_COMPLEX", 400);
  });

  it("each limit is configurable (MAX_DEPTH=3, MAX_ALIASES=1, MAX_COST=200, MAX_TOKENS=30)", async () => {
    const tight = await gateway({ MAX_DEPTH: "3", MAX_ALIASES: "1", MAX_COST: "200", MAX_TOKENS: "30" });
    await admitted(tight, () => gql(tight.url, "{ me { school { name } } }", {}, { token: teacher }));
    await refusedAtTheDoor(tight, () => gql(tight.url, "{ me { school { classes { id } } } }", {}, { token: teacher }), "TOO_COMPLEX", 400);
    await refusedAtTheDoor(tight, () => gql(tight.url, aliases(2), {}, { token: teacher }), "TOO_COMPLEX", 400);
    await refusedAtTheDoor(
      tight,
      () => gql(tight.url, "{ me { notifications(first: 100) { id } } }", {}, { token: teacher }),
      "TOO_COMPLEX",
      400,
    );
    await refusedAtTheDoor(tight, () => gql(tight.url, `{ me { ${"id ".repeat(30)}} }`, {}, { token: teacher }), "TOO_COMPLEX", 400);
  });

  it("the refusal speaks the caller's language and keeps the detail", async () => {
    const res = await gql(front.url, deepQuery(12), {}, { token: teacher, language: "ru" });
    expect(res.errors![0]!.message).toBe(`${ERROR_MESSAGES.TOO_COMPLEX!.RU} (Query depth limit of 10 exceeded, found 12.)`);
  });
});

describe("the HTTP request itself", () => {
  it("a batch (a JSON array of operations) is refused: one operation per request", async () => {
    const before = front.subgraphHits();
    const response = await fetch(front.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${teacher}` },
      body: JSON.stringify([{ query: "{ me { id } }" }, { query: "{ me { fullName } }" }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string; detail: string } }> };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(["TOO_COMPLEX"]);
    expect(body.errors[0]!.extensions.detail).toMatch(/batched requests are not accepted/);
    expect(front.subgraphHits()).toBe(before);
  });

  it("a body over MAX_BODY_BYTES gets 413 TOO_COMPLEX (default 1 MiB)", async () => {
    const before = front.subgraphHits();
    const response = await fetch(front.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }", variables: { padding: "x".repeat(1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe("TOO_COMPLEX");
    expect(front.subgraphHits()).toBe(before);
    const small = await gateway({ MAX_BODY_BYTES: "200" });
    const res = await gql(small.url, `{ me { ${"id ".repeat(80)}} }`, {}, { token: teacher });
    expect(res.status).toBe(413);
    expect(codes(res)).toEqual(["TOO_COMPLEX"]);
    expect(small.subgraphHits()).toBe(0);
  });

  it("CSRF prevention: a GET query needs apollo-require-preflight (or a JSON content type)", async () => {
    const url = `${front.url}?query=${encodeURIComponent("{ me { id } }")}`;
    const plain = await fetch(url, { headers: { authorization: `Bearer ${teacher}` } });
    expect(plain.status).toBe(400);
    const preflighted = await fetch(url, { headers: { authorization: `Bearer ${teacher}`, "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as { data: { me: { id: string } } }).data.me.id).toBeTruthy();
  });
});

describe("introspection and field suggestions", () => {
  const INTROSPECT = "{ __schema { queryType { name } } }";
  const TYPO = "{ me { fulName } }";

  it("embedded mode: introspection on, suggestions shown", async () => {
    expect((await gql(front.url, INTROSPECT)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const res = await gql(front.url, TYPO, {}, { token: teacher });
    expect(res.errors![0]!.message).toMatch(/Did you mean "fullName"/);
  });

  it("production mode: introspection refused and no 'Did you mean', unless INTROSPECTION=1", async () => {
    const production = await gateway(PRODUCTION_ENV);
    const refused = await gql(production.url, INTROSPECT);
    // A validation failure: 200 for an application/json client (GraphQL over HTTP), the errors say why.
    expect(refused.status).toBe(200);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors![0]!.message).toMatch(/introspection/i);
    const typo = await gql(production.url, TYPO, {}, { token: teacher });
    expect(codes(typo)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean|fullName/);
    expect(production.subgraphHits()).toBe(0);

    const open = await gateway({ ...PRODUCTION_ENV, INTROSPECTION: "1" });
    expect((await gql(open.url, INTROSPECT)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("the defaults let the project's own operations through", () => {
  const files = readdirSync(new URL("../graphql/", import.meta.url)).filter((f) => f.endsWith(".graphql"));

  it.each(files)("tests/graphql/%s is not refused by any limit", async (file) => {
    const text = readFileSync(new URL(`../graphql/${file}`, import.meta.url), "utf8");
    // Without variables the operation fails later (BAD_USER_INPUT), but only after every limit has let it pass.
    const res = await gql(front.url, text, {}, { token: teacher });
    expect(codes(res)).not.toContain("TOO_COMPLEX");
    expect(codes(res)).not.toContain("RATE_LIMITED");
    expect(codes(res)).not.toContain("GRAPHQL_VALIDATION_FAILED");
  });

  it("the costliest real query (every personal field, 100 notifications) and a whole class journal run", async () => {
    const student = await signIn(system.gatewayUrl, "demo-student");
    const me = await gql(front.url, "{ me { id } }", {}, { token: student });
    const every = await admitted(front, () => gql(front.url, doc("user-every-personal-field"), { id: me.data.me.id }, { token: student }));
    expect(every.data?.user?.fullName).toBeTruthy();
    const ids = await gql(
      front.url,
      "{ me { school { classes { id name subjects { id name } } } } }",
      {},
      { token: teacher, purpose: "JOURNAL" },
    );
    const fiveA = ids.data.me.school.classes.find((c: { name: string }) => c.name === "5-A");
    const maths = fiveA.subjects.find((s: { name: string }) => s.name === "Matematika");
    const journal = await admitted(front, () =>
      gql(
        front.url,
        doc("class-journal"),
        { classId: fiveA.id, subjectId: maths.id, from: "2026-09-01", to: "2026-12-31" },
        { token: teacher, purpose: "JOURNAL" },
      ),
    );
    expect(journal.data?.classJournal?.rows?.length).toBeGreaterThanOrEqual(25);
  });
});

describe("rate limits per caller (in memory)", () => {
  it("a signed-in caller gets RATE_LIMITED with Retry-After after RATE_LIMIT requests; others are not affected", async () => {
    const limited = await gateway({ RATE_LIMIT: "3", RATE_LIMIT_ANONYMOUS: "100" });
    const parent = await signIn(system.gatewayUrl, "demo-parent");
    for (let i = 0; i < 3; i++) await admitted(limited, () => gql(limited.url, "{ me { id } }", {}, { token: teacher }));
    const res = await refusedAtTheDoor(
      limited,
      () => gql(limited.url, "{ me { id } }", {}, { token: teacher, language: "en" }),
      "RATE_LIMITED",
      429,
    );
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // At most the rest of this window and part of the next, while the window just full still weighs on it.
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(120);
    expect(res.errors![0]!.message.startsWith(`${ERROR_MESSAGES.RATE_LIMITED!.EN} (more than `)).toBe(true);
    expect(res.errors![0]!.extensions!.detail).toMatch(/^more than \d+ requests in \d+ s; retry in \d+ s$/);
    // Another person, and the same person on the real gateway (its own counters), still get through.
    await admitted(limited, () => gql(limited.url, "{ me { id } }", {}, { token: parent }));
    expect((await gql(system.gatewayUrl, "{ me { id } }", {}, { token: teacher })).data?.me?.id).toBeTruthy();
  });

  it("the subject is the key: a second token of the same person shares the allowance", async () => {
    const limited = await gateway({ RATE_LIMIT: "2" });
    const first = await signIn(system.gatewayUrl, "demo-teacher-2");
    const again = await gql(system.gatewayUrl, doc("sign-in"), { login: "demo-teacher-2", password: "demo-password" });
    const second = again.data.signIn.accessToken as string;
    expect(second).not.toBe(first);
    await admitted(limited, () => gql(limited.url, "{ me { id } }", {}, { token: first }));
    await admitted(limited, () => gql(limited.url, "{ me { id } }", {}, { token: second }));
    await refusedAtTheDoor(limited, () => gql(limited.url, "{ me { id } }", {}, { token: second }), "RATE_LIMITED", 429);
  });

  it("anonymous callers are counted by client address, bad tokens included", async () => {
    const limited = await gateway({ RATE_LIMIT_ANONYMOUS: "2" });
    await admitted(limited, () => gql(limited.url, doc("sign-in"), { login: "demo-parent", password: "demo-password" }));
    const bad = await gql(limited.url, "{ me { id } }", {}, { token: "not-a-token" });
    expect(codes(bad)).toEqual(["UNAUTHENTICATED"]);
    await refusedAtTheDoor(
      limited,
      () => gql(limited.url, doc("sign-in"), { login: "demo-parent", password: "demo-password" }),
      "RATE_LIMITED",
      429,
    );
    // A signed-in caller from the same address has an allowance of their own.
    await admitted(limited, () => gql(limited.url, "{ me { id } }", {}, { token: teacher }));
  });

  it("RATE_LIMIT=0 turns the limit off", async () => {
    const unlimited = await gateway({ RATE_LIMIT: "0" });
    for (let i = 0; i < 5; i++) await admitted(unlimited, () => gql(unlimited.url, "{ me { id } }", {}, { token: teacher }));
  });
});
