/**
 * Issue 12 straight at the journal subgraph, with no gateway in front: the replicas that carry the shared
 * mechanism (open data requests for DPO_HANDLING, claims generations) are fed by the users subgraph's events
 * on the bus, and a client that sends its own X-Request-Id cannot choose the audit key.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../../shared/audit/access-record.entity.js";
import { CLAIMS_CHANGED } from "../../../shared/auth/claims-generation.js";
import { DATA_REQUEST_CLOSED, DATA_REQUEST_OPENED } from "../../../shared/privacy/open-requests.js";
import { nowMs } from "../../../shared/clock.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { STUDENT_RECORDS } from "../../graphql/journal.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
let w: JournalWorld;
/** The gateway's address is somewhere else: nothing a test sends from loopback is believed as the gateway's. */
let untrusted: SubgraphHarness;
let w2: JournalWorld;

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 4, sizeB: 3 });
  untrusted = await startSubgraphHarness(journalSubgraph, { env: { TRUSTED_PROXY: "10.20.30.40" } });
  w2 = await seedJournalWorld(untrusted.orm, { sizeA: 2, sizeB: 1 });
});
afterAll(async () => {
  await h?.close();
  await untrusted?.close();
});

const publish = (topic: string, payload: Record<string, unknown>) =>
  h.bus.publish({ id: randomUUID(), topic, source: "users", occurredAt: new Date(nowMs()).toISOString(), payload });
const records = (token: string, student: string, purpose?: string) =>
  gql(h.url, STUDENT_RECORDS, { r: [{ __typename: "User", id: student }] }, { token, purpose });
const gradesOf = (res: Awaited<ReturnType<typeof records>>): unknown[] => res.data?._entities?.[0]?.grades ?? [];

describe("the data protection officer, straight at the journal", () => {
  it("gets a student's marks only while the student's request is open (the replica follows users' events)", async () => {
    const dpo = await h.tokenFor(claims(randomUUID(), "DATA_PROTECTION_OFFICER"));
    const student = w.studentsA[0]!;
    const before = await records(dpo, student);
    expect(gradesOf(before)).toEqual([]);
    expect(codes(before)).toContain("PERSONAL_DATA_WITHHELD");

    const requestId = randomUUID();
    await publish(DATA_REQUEST_OPENED, { requestId, subjectId: student });
    const handling = await records(dpo, student);
    expect(handling.errors).toBeUndefined();
    expect(gradesOf(handling).length).toBeGreaterThan(0);
    // Another student of the same class is not part of the request.
    expect(gradesOf(await records(dpo, w.studentsA[1]!))).toEqual([]);

    await publish(DATA_REQUEST_CLOSED, { requestId, subjectId: student });
    expect(gradesOf(await records(dpo, student))).toEqual([]);
    // A late duplicate of "opened" does not reopen what was closed.
    await publish(DATA_REQUEST_OPENED, { requestId, subjectId: student });
    expect(gradesOf(await records(dpo, student))).toEqual([]);
  });
});

describe("claims generations, straight at the journal", () => {
  it("a token computed before the teacher's relationships changed is refused; one computed after is not", async () => {
    const old = await h.tokenFor(w.as.teacher);
    expect(gradesOf(await records(old, w.studentsA[0]!)).length).toBeGreaterThan(0);
    await publish(CLAIMS_CHANGED, { userId: w.teacher, generation: 2 });
    const refused = await records(old, w.studentsA[0]!);
    expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
    expect(refused.errors?.[0]?.extensions?.reason).toBe("CLAIMS_CHANGED");
    // An older generation arriving late changes nothing; a token of the current generation works.
    await publish(CLAIMS_CHANGED, { userId: w.teacher, generation: 1 });
    expect(codes(await records(await h.tokenFor({ ...w.as.teacher, gen: 1 }), w.studentsA[0]!))).toEqual(["UNAUTHENTICATED"]);
    const fresh = await records(await h.tokenFor({ ...w.as.teacher, gen: 2 }), w.studentsA[0]!);
    expect(fresh.errors).toBeUndefined();
    // Nobody else is touched.
    expect((await records(await h.tokenFor(w.as.teacher2), w.studentsA[0]!)).errors).toBeUndefined();
  });
});

describe("the audit key", () => {
  it("a client calling the subgraph directly cannot choose it: its X-Request-Id is only a correlation id", async () => {
    const token = await untrusted.tokenFor(w2.as.teacher);
    const student = w2.studentsA[0]!;
    for (let i = 0; i < 3; i++) {
      const res = await gql(untrusted.url, STUDENT_RECORDS, { r: [{ __typename: "User", id: student }] }, { token, requestId: "mine" });
      expect(res.headers.get("x-request-id")).toBe("mine");
      expect(res.headers.get("x-audit-request-id")).not.toBe("mine");
    }
    // The audit is written as the response leaves; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rows = await untrusted.orm.em.fork().find(AccessRecord, { correlationId: "mine" });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(3);
    expect(rows.some((r) => r.requestId === "mine")).toBe(false);
  });
});
