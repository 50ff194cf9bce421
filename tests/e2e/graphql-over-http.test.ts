/**
 * The gateway against the GraphQL-over-HTTP specification, checked by a tool the project did not write:
 * graphql-http's server audits (the suite its authors run against servers). No audit may end in `error`
 * (a MUST broken); the counts per status are printed and the README states them.
 */
import { serverAudits, type AuditResult } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, type TestSystem } from "../support/system.js";

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

describe("graphql-http server audits against the gateway", () => {
  it("break no MUST of the GraphQL-over-HTTP specification", async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: system.gatewayUrl, fetchFn: fetch })) results.push(await audit.fn());
    const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
    for (const result of results) counts[result.status] += 1;
    console.log(`graphql-http audits: ${JSON.stringify(counts)} of ${results.length}`);
    for (const result of results.filter((r) => r.status !== "ok")) console.log(`  ${result.status}: ${result.name}`);
    expect(results.filter((r) => r.status === "error").map((r) => `${r.name}: ${"reason" in r ? r.reason : ""}`)).toEqual([]);
    // The suite ran in full (an audit that cannot reach the server fails, it is not skipped).
    expect(results.length).toBeGreaterThan(50);
  });

  it("answers parse, validation and variable failures with 200 for application/json, 400 for application/graphql-response+json", async () => {
    const post = (query: string) =>
      fetch(system.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
      });
    for (const [query, code] of [
      ["{ me { id ", "GRAPHQL_PARSE_FAILED"],
      ["{ noSuchField }", "GRAPHQL_VALIDATION_FAILED"],
      ["query($id: ID!) { user(id: $id) { id } }", "BAD_USER_INPUT"],
    ] as const) {
      const response = await post(query);
      expect(response.status, query).toBe(200);
      const body = (await response.json()) as { data?: unknown; errors: Array<{ extensions?: { code?: string } }> };
      expect(
        body.errors.map((e) => e.extensions?.code),
        query,
      ).toEqual([code]);
      expect(body.data, query).toBeUndefined();
      const strict = await fetch(system.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
        body: JSON.stringify({ query }),
      });
      expect(strict.status, query).toBe(400);
      expect(strict.headers.get("content-type"), query).toMatch(/^application\/graphql-response\+json/);
    }
  });
});
