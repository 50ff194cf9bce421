/**
 * What a client and an operator see when a part is down (issue 17): liveness and readiness that name the
 * failing part; a frozen subgraph costs SUBGRAPH_TIMEOUT_MS, not an open request; a subgraph or database that
 * is down answers SERVICE_UNAVAILABLE with Retry-After, HTTP 503 when nothing could be served, and the path
 * of the fields it should have filled when the rest of the answer stands; shutdown lets requests finish.
 */
import { mkdtemp } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "../../gateway/gateway.js";
import { loadConfig, type SubgraphName } from "../../shared/config.js";
import { serve, type Listening } from "../../shared/http/serve.js";
import { codes, gql, signIn } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

const TIMEOUT_MS = 600;

let system: TestSystem;
let ids: DemoIds;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await system?.stop().catch(() => undefined);
});

const originOf = (url: string) => new URL(url).origin;

/** A second gateway over the same keys, with the subgraphs at the given URLs. */
async function gatewayWith(urls: Partial<Record<SubgraphName, string>>): Promise<Listening> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-e2e-outage-"));
  const config = loadConfig({ DATA_DIR: dataDir, SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) });
  const gateway = await startGateway({
    config,
    tokens: system.tokens,
    subgraphUrls: { ...system.subgraphUrls, ...urls },
    host: "127.0.0.1",
    port: 0,
  });
  cleanups.push(() => gateway.close());
  return gateway;
}

/** A subgraph that accepts connections and never answers (a process under SIGSTOP looks the same). */
async function frozenSubgraph(): Promise<string> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}/graphql`;
}

/** The URL of a subgraph that is down: a port nothing listens on (fetch refuses low ports like 1 outright). */
async function downSubgraph(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

const ME_AND_SCHOOL = /* GraphQL */ `
  query MeAndSchool($id: ID!) {
    me {
      id
    }
    school(id: $id) {
      id
    }
  }
`;
const REGIONS = /* GraphQL */ `
  query RegionNames {
    regions {
      name
    }
  }
`;

describe("liveness and readiness", () => {
  it("the gateway: live, ready naming every subgraph, and /health as before", async () => {
    const origin = originOf(system.gatewayUrl);
    expect((await fetch(`${origin}/health/live`)).status).toBe(200);
    const ready = await fetch(`${origin}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", subgraphs: ["users", "institutions", "journal", "notifications"] });
    expect((await fetch(`${origin}/health`)).status).toBe(200);
  });

  it("each subgraph: ready checks its database", async () => {
    for (const url of Object.values(system.subgraphUrls)) {
      const ready = await fetch(`${originOf(url)}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ok", checks: expect.arrayContaining(["database"]) });
    }
  });

  it("a subgraph that does not answer makes the gateway unready, named, with 503", async () => {
    const gateway = await gatewayWith({ institutions: await frozenSubgraph(), notifications: await downSubgraph() });
    const ready = await fetch(`${originOf(gateway.url)}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "unavailable", failing: { institutions: "timed out", notifications: "refused" } });
  });
});

describe("a frozen subgraph", () => {
  it("nothing served: 503 SERVICE_UNAVAILABLE with Retry-After, within the timeout", async () => {
    const gateway = await gatewayWith({ institutions: await frozenSubgraph() });
    const started = performance.now();
    const res = await gql(gateway.url, REGIONS);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(codes(res)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(res.errors![0]!.path).toEqual(["regions"]);
    expect(res.errors![0]!.extensions!.detail).toContain("institutions");
  });

  it("a partial answer: 200, the rest stands, the error at the failed field's path", async () => {
    const gateway = await gatewayWith({ institutions: await frozenSubgraph() });
    const token = await signIn(system.gatewayUrl, "demo-parent");
    const res = await gql(gateway.url, ME_AND_SCHOOL, { id: Object.values(ids.schools)[0] }, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.data.me.id).toBe(ids.people["demo-parent"].id);
    expect(res.data.school).toBeNull();
    expect(res.errors!.map((e) => [e.extensions!.code, e.path])).toEqual([["SERVICE_UNAVAILABLE", ["school"]]]);
  });

  it("a subgraph that is down answers the same way, at once", async () => {
    const gateway = await gatewayWith({ institutions: await downSubgraph() });
    const res = await gql(gateway.url, REGIONS);
    expect(res.status).toBe(503);
    expect(codes(res)).toEqual(["SERVICE_UNAVAILABLE"]);
  });
});

describe("graceful shutdown", () => {
  it("closing a server lets a request in flight finish, then refuses new connections", async () => {
    let release!: () => void;
    // Only a plain route is asked for: the GraphQL server behind it is never reached.
    const listening = await serve({} as never, {
      host: "127.0.0.1",
      port: 0,
      context: async () => ({}),
      routes: {
        "/slow": async (_req, res) => {
          await new Promise<void>((resolve) => (release = resolve));
          res.end("done");
        },
      },
    });
    const origin = originOf(listening.url);
    const inFlight = fetch(`${origin}/slow`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = listening.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect(await inFlight).toBe("done");
    await closing;
    await expect(fetch(`${origin}/slow`)).rejects.toThrow();
  });
});

describe("metrics", () => {
  it("/metrics on the gateway: requests per operation and subgraph fetch latency; on a subgraph: its outbox lag", async () => {
    const before = await gql(system.gatewayUrl, REGIONS, {}, { token: await signIn(system.gatewayUrl, "demo-ministry") });
    expect(codes(before)).toEqual([]);
    const gateway = await (await fetch(`${originOf(system.gatewayUrl)}/metrics`)).text();
    expect(gateway).toMatch(/graphql_request_duration_seconds_count\{[^}]*operation="RegionNames"[^}]*outcome="ok"[^}]*\} [1-9]/);
    expect(gateway).toMatch(/subgraph_fetch_duration_seconds_count\{[^}]*subgraph="institutions"[^}]*outcome="ok"[^}]*\} [1-9]/);
    const journal = await (await fetch(`${originOf(system.subgraphUrls.journal)}/metrics`)).text();
    expect(journal).toMatch(/outbox_lag_seconds\{service="journal"\} \d/);
  });
});

// Last: the journal's database is closed for good in this file.
describe("a database that is down", () => {
  it("is an outage, not a bug: SERVICE_UNAVAILABLE at the path, readiness names the database", async () => {
    await system.orms.journal.close(true);
    const token = await signIn(system.gatewayUrl, "demo-student");
    const res = await gql(system.gatewayUrl, "query MyGradesDown { me { id grades { id } } }", {}, { token });
    expect(codes(res)).toEqual(["SERVICE_UNAVAILABLE"]);
    // The journal cannot even resolve the student (its request context reads the database): the path is theirs.
    expect(res.errors![0]!.path?.[0]).toBe("me");
    expect(res.headers.get("retry-after")).toBe("5");
    const journalReady = await fetch(`${originOf(system.subgraphUrls.journal)}/health/ready`);
    expect(journalReady.status).toBe(503);
    expect(await journalReady.json()).toMatchObject({ failing: { database: expect.any(String) } });
    const gatewayReady = await fetch(`${originOf(system.gatewayUrl)}/health/ready`);
    expect(gatewayReady.status).toBe(503);
    expect(await gatewayReady.json()).toMatchObject({ failing: { journal: { database: expect.any(String) } } });
  });
});
