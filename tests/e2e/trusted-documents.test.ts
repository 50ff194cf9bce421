/**
 * Trusted documents (TRUSTED_DOCUMENTS=<manifest>): a gateway that runs only the operations of a manifest
 * built from tests/graphql by the same code as `npm run manifest`. With the same token, a listed operation
 * works and an unlisted or modified one is refused before planning (no subgraph sees it).
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperationManifest } from "../../gateway/limits/manifest-builder.js";
import { sha256Hex, TrustedDocuments, type Manifest } from "../../gateway/limits/trusted-documents.js";
import { codes, doc, gql, signIn, type GqlError } from "../support/client.js";
import { countedGateway, type CountedGateway } from "../support/gateway-front.js";
import { startTestSystem, type TestSystem } from "../support/system.js";

let system: TestSystem;
let trusted: CountedGateway;
let manifest: Manifest;
let teacher: string;
let journalVariables: Record<string, string>;

const graphqlDir = new URL("../graphql/", import.meta.url);

beforeAll(async () => {
  system = await startTestSystem();
  const sources = readdirSync(graphqlDir)
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => ({ name: f, text: readFileSync(new URL(f, graphqlDir), "utf8") }));
  manifest = buildOperationManifest(sources);
  const file = path.join(await mkdtemp(path.join(tmpdir(), "emaktab-manifest-")), "manifest.json");
  await writeFile(file, JSON.stringify(manifest));
  trusted = await countedGateway(system, { TRUSTED_DOCUMENTS: file });
  teacher = await signIn(system.gatewayUrl, "demo-teacher");
  // The ids come from the open gateway: the lookup query is not in the manifest.
  const ids = await gql(
    system.gatewayUrl,
    "{ me { school { classes { id name subjects { id name } } } } }",
    {},
    { token: teacher, purpose: "JOURNAL" },
  );
  const fiveA = ids.data.me.school.classes.find((c: { name: string }) => c.name === "5-A");
  const maths = fiveA.subjects.find((s: { name: string }) => s.name === "Matematika");
  journalVariables = { classId: fiveA.id, subjectId: maths.id, from: "2026-09-01", to: "2026-12-31" };
});
afterAll(async () => {
  await trusted?.close();
  await system?.stop();
});

const operation = (name: string) => {
  const entry = manifest.operations.find((o) => o.name === name);
  if (!entry) throw new Error(`${name} is not in the manifest`);
  return entry;
};

interface Sent {
  query?: string;
  hash?: string;
  variables?: Record<string, unknown>;
  token?: string;
  method?: "GET" | "POST";
}

async function send({ query, hash, variables = {}, token = teacher, method = "POST" }: Sent) {
  const extensions = hash ? { persistedQuery: { version: 1, sha256Hash: hash } } : undefined;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}`, "x-purpose": "JOURNAL" } : {};
  let response: Response;
  if (method === "GET") {
    const params = new URLSearchParams({ variables: JSON.stringify(variables) });
    if (query) params.set("query", query);
    if (extensions) params.set("extensions", JSON.stringify(extensions));
    response = await fetch(`${trusted.url}?${params}`, { headers: { ...headers, "apollo-require-preflight": "true" } });
  } else {
    response = await fetch(trusted.url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ query, variables, extensions }),
    });
  }
  const body = (await response.json()) as { data?: any; errors?: GqlError[] };
  return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
}

/** Refused with FORBIDDEN before anything reaches a subgraph. */
async function expectRefused(sent: Sent, reason: RegExp): Promise<void> {
  const before = trusted.subgraphHits();
  const res = await send(sent);
  expect(res.status).toBe(403);
  expect(codes(res)).toEqual(["FORBIDDEN"]);
  expect(res.errors![0]!.extensions?.detail).toMatch(reason);
  expect(res.data ?? null).toBeNull();
  expect(trusted.subgraphHits()).toBe(before);
}

describe("trusted documents", () => {
  it("the manifest lists every named operation of tests/graphql, each id the sha256 of its body", () => {
    expect(manifest.operations.map((o) => o.name)).toContain("ClassJournal");
    const operations = readdirSync(graphqlDir)
      .filter((f) => f.endsWith(".graphql"))
      .flatMap((f) =>
        parse(readFileSync(path.join(fileURLToPath(graphqlDir), f), "utf8")).definitions.filter((d) => d.kind === "OperationDefinition"),
      );
    expect(manifest.operations.length).toBe(operations.length);
    for (const o of manifest.operations) expect(o.id).toBe(sha256Hex(o.body));
  });

  it("a listed operation, sent by its hash alone, runs (POST and GET)", async () => {
    const { id } = operation("ClassJournal");
    const res = await send({ hash: id, variables: journalVariables });
    expect(res.errors).toBeUndefined();
    expect(res.data.classJournal.rows.length).toBeGreaterThanOrEqual(25);
    const viaGet = await send({ hash: id, variables: journalVariables, method: "GET" });
    expect(viaGet.errors).toBeUndefined();
    expect(viaGet.data.classJournal.rows.length).toBe(res.data.classJournal.rows.length);
  });

  it("the registered text itself, with or without its hash, runs too", async () => {
    const { id, body } = operation("ClassJournal");
    expect((await send({ query: body, hash: id, variables: journalVariables })).data.classJournal).toBeTruthy();
    expect((await send({ query: body, variables: journalVariables })).data.classJournal).toBeTruthy();
  });

  it("sign-in works through the manifest (SignIn is listed), so a client needs nothing else", async () => {
    const res = await send({ hash: operation("SignIn").id, variables: { login: "demo-parent", password: "demo-password" }, token: "" });
    expect(res.data?.signIn?.accessToken).toBeTruthy();
  });

  it("an operation not in the manifest is refused, with the same token that runs the listed ones", async () => {
    await expectRefused({ query: "{ me { id fullName phone } }" }, /only operations registered/);
    await expectRefused(
      { query: "{ me { id fullName phone } }", hash: sha256Hex("{ me { id fullName phone } }") },
      /not in the trusted documents manifest/,
    );
    await expectRefused({ hash: "0".repeat(64) }, /not in the trusted documents manifest/);
  });

  it("a modified operation is refused: under the registered hash, under its own hash, or as plain text", async () => {
    const { id, body } = operation("ClassJournal");
    const modified = body.replace("fullName", "fullName\n        phone\n        pinfl");
    expect(modified).not.toBe(body);
    // Under the registered hash the text is not the hash's: the client's mistake, said as such.
    const before = trusted.subgraphHits();
    const mismatch = await send({ query: modified, hash: id, variables: journalVariables });
    expect(mismatch.status).toBe(400);
    expect(codes(mismatch)).toEqual(["PERSISTED_QUERY_HASH_MISMATCH"]);
    expect(trusted.subgraphHits()).toBe(before);
    await expectRefused(
      { query: modified, hash: sha256Hex(modified), variables: journalVariables },
      /not in the trusted documents manifest/,
    );
    await expectRefused({ query: modified, variables: journalVariables }, /only operations registered/);
    // Even a formatting change is a different document.
    await expectRefused({ query: `${body} `, variables: journalVariables }, /only operations registered/);
  });

  it("Apollo's own persisted-query registration is off: nobody can add an operation", async () => {
    // A text sent with its hash is not remembered for later hash-only calls.
    const text = "query Unlisted { me { id } }";
    await expectRefused({ query: text, hash: sha256Hex(text) }, /not in the trusted documents manifest/);
    await expectRefused({ hash: sha256Hex(text) }, /not in the trusted documents manifest/);
  });

  it("the open gateway answers a hash that is not its text's with PERSISTED_QUERY_HASH_MISMATCH (400), not an internal error", async () => {
    const response = await fetch(system.gatewayUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${teacher}`, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { id } }", extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: GqlError[] };
    expect(body.errors.map((e) => e.extensions?.code)).toEqual(["PERSISTED_QUERY_HASH_MISMATCH"]);
    expect(body.errors[0]!.extensions?.detail).toMatch(/not the sha256 of the query text/);
  });

  it("the open gateway (no TRUSTED_DOCUMENTS) runs anything valid", async () => {
    const res = await gql(system.gatewayUrl, "{ me { id fullName } }", {}, { token: teacher });
    expect(res.data.me.fullName).toBeTruthy();
    expect(
      (await gql(system.gatewayUrl, doc("class-journal"), journalVariables, { token: teacher, purpose: "JOURNAL" })).data.classJournal,
    ).toBeTruthy();
  });
});

describe("the manifest", () => {
  it("is refused at start when an id is not the hash of its body", () => {
    const good = buildOperationManifest([{ name: "a", text: "query A { me { id } }" }]);
    expect(TrustedDocuments.from(good).size).toBe(1);
    const tampered = { ...good, operations: [{ ...good.operations[0]!, body: "query A { me { id pinfl } }" }] };
    expect(() => TrustedDocuments.from(tampered)).toThrow(/not the sha256 of its body/);
    expect(() => TrustedDocuments.from({ operations: [] } as never)).toThrow(/apollo-persisted-query-manifest/);
  });

  it("gives each operation the fragments it uses, from any file, and the same id whatever the formatting", () => {
    const manifest = buildOperationManifest([
      { name: "ops.graphql", text: "query Me {   me { ...Who } }\nquery Plain { me { id } }" },
      {
        name: "fragments.graphql",
        text: "fragment Who on User { id ...Name }\nfragment Name on User { fullName }\nfragment Unused on User { id }",
      },
    ]);
    const me = manifest.operations.find((o) => o.name === "Me")!;
    expect(me.body).toContain("fragment Who on User");
    expect(me.body).toContain("fragment Name on User");
    expect(me.body).not.toContain("Unused");
    expect(manifest.operations.find((o) => o.name === "Plain")!.body).not.toContain("fragment");
    const again = buildOperationManifest([
      { name: "x", text: "query Me { me { ...Who } } fragment Who on User { id ...Name } fragment Name on User { fullName }" },
    ]);
    expect(again.operations[0]!.id).toBe(me.id);
  });

  it("refuses anonymous operations and two different operations of one name", () => {
    expect(() => buildOperationManifest([{ name: "a.graphql", text: "{ me { id } }" }])).toThrow(/needs a name/);
    expect(() =>
      buildOperationManifest([
        { name: "a", text: "query A { me { id } }" },
        { name: "b", text: "query A { me { fullName } }" },
      ]),
    ).toThrow(/defined twice/);
  });
});
