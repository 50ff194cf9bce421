/**
 * The journal's own limits, straight at the subgraph with a valid token (a caller who bypasses the gateway,
 * or a gateway that would forward anything): too many entity representations, too deep a query, and a
 * request past its time budget are each refused with one TOO_COMPLEX error, quickly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { loadConfig } from "../../../shared/config.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { STUDENT_RECORDS } from "../../graphql/journal.js";
import { codes, gql } from "../../support/client.js";

const DEFAULTS = loadConfig({}).subgraphLimits;
/** Every pupil's marks with each mark's history, as the principal (who may see history). */
const RECORDS_WITH_HISTORY = /* GraphQL */ `
  query RecordsWithHistory($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on User {
        id
        grades {
          id
          value
          history {
            changedAt
          }
        }
      }
    }
  }
`;

let h: SubgraphHarness;
let w: JournalWorld;
let principal: string;

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 12, sizeB: 3 });
  principal = await h.tokenFor(w.as.principal);
});
afterAll(() => h?.close());

/** `n` representations cycling over the world's pupils (the gateway sends one per item, duplicates included). */
const pupils = (n: number): Array<{ __typename: string; id: string }> => {
  const all = [...w.studentsA, ...w.studentsB];
  return Array.from({ length: n }, (_, i) => ({ __typename: "User", id: all[i % all.length]! }));
};

describe("representations per request", () => {
  it(`3,000 representations are refused at once (default SUBGRAPH_MAX_REPRESENTATIONS=${DEFAULTS.representations})`, async () => {
    const started = performance.now();
    const res = await gql(h.url, RECORDS_WITH_HISTORY, { r: pupils(3000) }, { token: principal });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["TOO_COMPLEX"]);
    expect(res.errors![0]!.extensions!.detail).toBe(`at most ${DEFAULTS.representations} entity representations per request, 3000 asked`);
    expect(res.data ?? null).toBeNull();
  });

  it("counts them in a variable, in a literal list and over aliases (limit 40 here)", async () => {
    const small = await startSubgraphHarness(journalSubgraph, { env: { SUBGRAPH_MAX_REPRESENTATIONS: "40" } });
    try {
      await seedJournalWorld(small.orm, { sizeA: 12, sizeB: 3 });
      const token = await small.tokenFor(w.as.principal);
      const ok = await gql(small.url, STUDENT_RECORDS, { r: pupils(40) }, { token });
      expect(codes(ok)).not.toContain("TOO_COMPLEX");
      expect(ok.data._entities).toHaveLength(40);
      expect(codes(await gql(small.url, STUDENT_RECORDS, { r: pupils(41) }, { token }))).toEqual(["TOO_COMPLEX"]);
      const literal = `{ _entities(representations: [${pupils(41)
        .map((p) => `{ __typename: "User", id: "${p.id}" }`)
        .join(", ")}]) { ... on User { id } } }`;
      expect(codes(await gql(small.url, literal, {}, { token }))).toEqual(["TOO_COMPLEX"]);
      const aliased = `query($a: [_Any!]!, $b: [_Any!]!) { a: _entities(representations: $a) { __typename } b: _entities(representations: $b) { __typename } }`;
      expect(codes(await gql(small.url, aliased, { a: pupils(25), b: pupils(25) }, { token }))).toEqual(["TOO_COMPLEX"]);
    } finally {
      await small.close();
    }
  });
});

describe("depth", () => {
  it(`a query deeper than SUBGRAPH_MAX_DEPTH (${DEFAULTS.depth}) is refused before it runs`, async () => {
    // _entities > User > grades > history > student > grades > history > student > … > id
    const nest = (levels: number): string => (levels === 0 ? "id" : `grades { history { student { ${nest(levels - 1)} } } }`);
    const query = (levels: number): string => `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${nest(levels)} } } }`;
    // 2 + 3 × 3 + 1 = 12 levels: allowed; one more round is 15.
    const ok = await gql(h.url, query(3), { r: pupils(1) }, { token: principal });
    expect(codes(ok)).not.toContain("TOO_COMPLEX");
    const res = await gql(h.url, query(4), { r: pupils(1) }, { token: principal });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["TOO_COMPLEX"]);
    expect(res.errors![0]!.extensions!.detail).toMatch(new RegExp(`depth limit of ${DEFAULTS.depth} exceeded`));
  });
});

describe("time budget", () => {
  it("a request past SUBGRAPH_TIME_BUDGET_MS is cut short: one TOO_COMPLEX error, no partial data", { timeout: 90_000 }, async () => {
    let started = performance.now();
    const full = await gql(h.url, RECORDS_WITH_HISTORY, { r: pupils(600) }, { token: principal, purpose: "JOURNAL" });
    expect(full.errors).toBeUndefined();
    expect(full.data._entities).toHaveLength(600);
    const fullMs = performance.now() - started;

    const hurried = await startSubgraphHarness(journalSubgraph, { env: { SUBGRAPH_TIME_BUDGET_MS: "5" } });
    try {
      await seedJournalWorld(hurried.orm, { sizeA: 12, sizeB: 3 });
      const token = await hurried.tokenFor(w.as.principal);
      started = performance.now();
      const res = await gql(hurried.url, RECORDS_WITH_HISTORY, { r: pupils(600) }, { token, purpose: "JOURNAL" });
      const cutMs = performance.now() - started;
      // Cut short, not run to the end and then refused (here about 0.4 s against 8 s).
      expect(cutMs).toBeLessThan(fullMs / 4);
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(["TOO_COMPLEX"]);
      expect(res.errors![0]!.extensions!.detail).toBe("the request took longer than this service's time budget of 5 ms");
      expect(res.data ?? null).toBeNull();
      // A small request fits in the same budget.
      const quick = await gql(hurried.url, "{ __typename }", {}, { token });
      expect(quick.data).toEqual({ __typename: "Query" });
    } finally {
      await hurried.close();
    }
  });
});
