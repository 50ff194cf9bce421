/**
 * No N+1, end to end: the SQL statements one request costs in each subgraph do not grow with the number
 * of students in a class, the number of marks of a child, or the number of children of a parent.
 * The counts are printed (console.log) for the closing note.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SubgraphName } from "../../shared/config.js";
import { BlockedField } from "../../shared/privacy/blocked-field.entity.js";
import { Grade } from "../../subgraphs/journal/entities/index.js";
import { GuardianLink } from "../../subgraphs/notifications/entities/index.js";
import { Guardianship, Placement, User } from "../../subgraphs/users/entities/index.js";
import { doc, gql, signIn, type CallOptions } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

const CLASS_JOURNAL = doc("class-journal");
const MY_CHILDREN_RECORDS = doc("my-children-records");
const SIGN_IN = doc("sign-in");
const YEAR = { from: "2026-09-01", to: "2027-06-30" };

let system: TestSystem;
let ids: DemoIds;

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  // The outbox relays poll their tables once a second; those statements are not any request's and would
  // land in a count at random. Nothing in this file publishes events, so the relays are paused here.
  for (const relay of Object.values(system.relays)) await relay.stop();
});
afterAll(async () => {
  await system?.stop();
});

type Counts = Record<SubgraphName, number>;

/**
 * Runs one request and returns the SQL statements it cost, per subgraph (the request must succeed; with
 * `withheld`, personal fields withheld from it are expected and nothing else goes wrong).
 */
async function measure(
  query: string,
  variables: Record<string, unknown>,
  options: CallOptions,
  withheld = false,
): Promise<{ counts: Counts; data: any; sql: Record<SubgraphName, string[]> }> {
  system.resetQueries();
  const res = await gql(system.gatewayUrl, query, variables, options);
  if (withheld) expect(new Set((res.errors ?? []).map((e) => e.extensions?.code))).toEqual(new Set(["PERSONAL_DATA_WITHHELD"]));
  else expect(res.errors).toBeUndefined();
  // The audit ledger may flush after the response: let it land before reading the counters.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const counts = Object.fromEntries(Object.entries(system.queries).map(([name, list]) => [name, list.length])) as Counts;
  const sql = Object.fromEntries(Object.entries(system.queries).map(([name, list]) => [name, [...list]])) as Record<SubgraphName, string[]>;
  return { counts, data: res.data, sql };
}

describe("SQL statements per request do not grow with the data (no N+1)", () => {
  it("classJournal: 5-A (28 students) costs what 11-V (3 students) costs, per subgraph", async () => {
    const token = await signIn(system.gatewayUrl, "demo-principal");
    const options = { token, purpose: "JOURNAL" };
    const math = ids.subjects["Matematika"];
    const run = (cls: string) => measure(CLASS_JOURNAL, { classId: ids.classes[cls], subjectId: math, ...YEAR }, options);

    await run("11-V"); // warm-up: the first request also loads schema-level caches
    const big = await run("5-A");
    const small = await run("11-V");
    const rowsBig = big.data.classJournal.rows.length;
    const rowsSmall = small.data.classJournal.rows.length;
    const marks = (d: any) => d.classJournal.rows.reduce((n: number, r: any) => n + r.grades.length + r.attendance.length, 0);
    console.log(
      `[sql-counts] classJournal Matematika as demo-principal [JOURNAL]: 5-A (${rowsBig} rows, ${marks(big.data)} marks) ${JSON.stringify(big.counts)}; ` +
        `11-V (${rowsSmall} rows, ${marks(small.data)} marks) ${JSON.stringify(small.counts)}`,
    );
    expect(rowsBig).toBeGreaterThanOrEqual(25);
    expect(rowsSmall).toBe(3);
    expect(big.data.classJournal.rows.every((r: any) => typeof r.student.fullName === "string")).toBe(true);
    expect(marks(big.data)).toBeGreaterThan(marks(small.data));
    expect(big.counts).toEqual(small.counts);

    // The audit of 28 students' names and marks is one INSERT per subgraph that released them, not one per field or row.
    const auditInserts = (sql: Record<SubgraphName, string[]>) =>
      Object.fromEntries(
        Object.entries(sql).map(([name, list]) => [name, list.filter((q) => /^insert into [`"]?access_records/i.test(q)).length]),
      );
    console.log(`[sql-counts] audit INSERTs for classJournal 5-A: ${JSON.stringify(auditInserts(big.sql))}`);
    expect(auditInserts(big.sql)).toMatchObject({ users: 1, journal: 1 });
  });

  it("me.children with grades and attendance: the same cost for different parents, children and mark counts", async () => {
    const parent = await signIn(system.gatewayUrl, "demo-parent");
    const other = await signIn(system.gatewayUrl, "demo-parent-other");
    const marks = (d: any) =>
      d.me.children.map((c: any) => `${c.grades.length} grades/${c.attendance.length} attendance`).join(" + ") || "no child";

    await measure(MY_CHILDREN_RECORDS, {}, { token: parent }); // warm-up
    const a = await measure(MY_CHILDREN_RECORDS, {}, { token: parent });
    const b = await measure(MY_CHILDREN_RECORDS, {}, { token: other });

    // A second child for demo-parent-other: a 5-A classmate of demo-student, written where each subgraph
    // keeps guardianship (users: Guardianship; notifications: GuardianLink). The child's enrolment is
    // already replicated in users' placements. A fresh sign-in puts the child into the token's claims.
    const users = system.orms.users.em.fork();
    const otherId = ids.people["demo-parent-other"].id;
    const classmates = await users.find(Placement, {
      kind: "ENROLMENT",
      classId: ids.classes["5-A"],
      userId: { $ne: ids.people["demo-student"].id },
    });
    const second = classmates[0]!.userId;
    await users.insert(Guardianship, {
      id: randomUUID(),
      parentId: otherId,
      studentId: second,
      relation: "guardian",
      createdAt: new Date(),
    });
    await system.orms.notifications.em
      .fork()
      .insert(GuardianLink, { id: randomUUID(), studentId: second, guardianId: otherId, locale: "UZ_CYRL", notify: true });
    const fresh = await gql(system.gatewayUrl, SIGN_IN, { login: "demo-parent-other", password: "demo-password" });
    const twoChildren = await measure(MY_CHILDREN_RECORDS, {}, { token: fresh.data.signIn.accessToken, language: "uz-Latn" });

    const secondName = (await users.findOneOrFail(User, second)).fullName;
    console.log(
      `[sql-counts] me.children records: demo-parent (${marks(a.data)}) ${JSON.stringify(a.counts)}; ` +
        `demo-parent-other (${marks(b.data)}) ${JSON.stringify(b.counts)}; ` +
        `demo-parent-other with a second child (${marks(twoChildren.data)}) ${JSON.stringify(twoChildren.counts)}`,
    );
    const grades = async (studentId: string) => system.orms.journal.em.fork().count(Grade, { studentId });
    expect(await grades(ids.people["demo-student"].id)).not.toBe(await grades(ids.people["demo-student-2"].id));
    expect(a.data.me.children).toHaveLength(1);
    expect(b.data.me.children).toHaveLength(1);
    expect(twoChildren.data.me.children).toHaveLength(2);
    expect(twoChildren.data.me.children.map((c: any) => c.fullName)).toContain(secondName);
    // Each child's rows are that child's: as many as the journal holds for them.
    for (const result of [a, b, twoChildren]) {
      for (const child of result.data.me.children) expect(child.grades.length).toBe(await grades(child.id));
    }
    expect(b.counts).toEqual(a.counts);
    expect(twoChildren.counts).toEqual(a.counts);
  });

  it("blocked fields: the check costs the same few statements for 28 students as for 3, one read of the blocks per subgraph", async () => {
    const token = await signIn(system.gatewayUrl, "demo-principal");
    const options = { token, purpose: "JOURNAL" };
    const math = ids.subjects["Matematika"];
    const run = (cls: string) => measure(CLASS_JOURNAL, { classId: ids.classes[cls], subjectId: math, ...YEAR }, options, cls === "5-A");
    // A block in force for one 5-A student, in users (the name) and in the journal's replica (the marks);
    // written straight into the tables because this file's relays are paused.
    const blocked = ids.people["demo-student"].id;
    await system.orms.users.em.fork().insert(BlockedField, { subjectId: blocked, field: "User.fullName", blockedAt: new Date() });
    await system.orms.journal.em.fork().insert(BlockedField, { subjectId: blocked, field: "User.grades", blockedAt: new Date() });

    await run("11-V"); // warm-up
    const big = await run("5-A");
    const small = await run("11-V");
    const reads = (name: SubgraphName) => system.queries[name].filter((sql) => sql.includes("blocked_fields")).length;
    await run("5-A");
    const blockReads = { users: reads("users"), journal: reads("journal") };
    console.log(
      `[sql-counts] classJournal with a block in force: 5-A ${JSON.stringify(big.counts)}; 11-V ${JSON.stringify(small.counts)}; ` +
        `reads of blocked_fields for 5-A ${JSON.stringify(blockReads)}`,
    );
    const row = big.data.classJournal.rows.find((r: any) => r.student.id === blocked);
    expect(row.student.fullName).toBeNull();
    expect(row.grades).toBeNull(); // withheld as a whole: null with its error
    expect(
      big.data.classJournal.rows.filter((r: any) => r.student.id !== blocked).every((r: any) => typeof r.student.fullName === "string"),
    ).toBe(true);
    expect(big.counts).toEqual(small.counts);
    expect(blockReads).toEqual({ users: 1, journal: 1 });
  });
});
