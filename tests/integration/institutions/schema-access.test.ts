/**
 * With introspection off, a subgraph reached directly answers `__schema`, `__type` and `_service` only to
 * the gateway (the shared secret in X-Gateway-Secret); with it on, to anyone. Institutions stands for every
 * subgraph: the rule is the shared server's (shared/http/schema-access.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATEWAY_SECRET_HEADER } from "../../../shared/http/schema-access.js";
import { institutionsSubgraph } from "../../../subgraphs/institutions/server.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";

const SECRET = "a-gateway-secret-of-forty-characters-xyz";
const QUERIES = {
  sdl: "query ServiceSdl { _service { sdl } }",
  schema: "query SchemaTypes { __schema { types { name } } }",
  type: 'query OneType { __type(name: "School") { name } }',
};

let closed: SubgraphHarness;
let open: SubgraphHarness;
beforeAll(async () => {
  closed = await startSubgraphHarness(institutionsSubgraph, { env: { INTROSPECTION: "0", GATEWAY_SECRET: SECRET } });
  open = await startSubgraphHarness(institutionsSubgraph, { env: { INTROSPECTION: "1" } });
});
afterAll(async () => {
  await closed?.close();
  await open?.close();
});

async function ask(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

describe("a subgraph's schema with introspection off", () => {
  it("is refused to a caller without the gateway's secret, or with a wrong one", async () => {
    for (const [name, query] of Object.entries(QUERIES)) {
      const attempts: Array<Record<string, string>> = [
        {},
        { [GATEWAY_SECRET_HEADER]: "guess" },
        { [GATEWAY_SECRET_HEADER]: SECRET.replace("x", "y") },
      ];
      for (const headers of attempts) {
        const res = await ask(closed.url, query, headers);
        expect(
          res.errors?.map((e) => e.extensions?.code),
          name,
        ).toEqual(["FORBIDDEN"]);
        expect(res.data ?? null, name).toBeNull();
      }
    }
  });

  it("is answered to the gateway, which sends the secret", async () => {
    const sdl = await ask(closed.url, QUERIES.sdl, { [GATEWAY_SECRET_HEADER]: SECRET });
    expect((sdl.data?._service as { sdl: string }).sdl).toContain("type School");
    const schema = await ask(closed.url, QUERIES.schema, { [GATEWAY_SECRET_HEADER]: SECRET });
    expect(schema.errors).toBeUndefined();
  });

  it("does not block ordinary operations, and is open to anyone with introspection on", async () => {
    expect((await ask(closed.url, "query Plain { __typename }")).data).toEqual({ __typename: "Query" });
    for (const query of Object.values(QUERIES)) expect((await ask(open.url, query)).errors).toBeUndefined();
  });
});
