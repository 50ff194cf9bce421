/**
 * Writes to one journal cell at the same moment (issue 17: 20 parallel recordGrades on PostgreSQL gave 7
 * history rows and 7 events, and fresh cells a unique violation). Whatever the interleaving: identical
 * writes make one change, one history row and one event; different values make a history whose old
 * values chain; no call fails. A retry carrying the same Idempotency-Key is answered, not applied again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { AttendanceMark, Grade, JournalChange } from "../../../subgraphs/journal/entities/index.js";
import { ATTENDANCE_RECORDED, GRADE_RECORDED } from "../../../subgraphs/journal/events/published.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { RECORD_ATTENDANCE_IDS, RECORD_GRADES_IDS } from "../../graphql/journal-rules.js";
import { codes, type GqlResponse } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";

let h: SubgraphHarness;
let w: JournalWorld;
let token: string;

const PARALLEL = 20;

beforeAll(async () => {
  pinToday("2026-11-30");
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 8, sizeB: 3 });
  token = await h.tokenFor(w.as.teacher);
  // Events are counted in the outbox: the relay is paused so none leaves (and none is deleted) meanwhile.
  await h.relay.stop();
  h.relay.kick = () => undefined;
});
afterAll(async () => {
  await h.close();
  unpinToday();
});

/** The lesson on the last fixture day has no marks yet. */
const fresh = () => w.lessonsA[w.lessonsA.length - 1]!;

async function post(query: string, input: object, idempotencyKey?: string): Promise<GqlResponse> {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${token}` };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  const response = await fetch(h.url, { method: "POST", headers, body: JSON.stringify({ query, variables: { input } }) });
  const body = (await response.json()) as Omit<GqlResponse, "status" | "headers">;
  return { ...body, status: response.status, headers: response.headers };
}

const grade = (studentId: string, value: number) =>
  post(RECORD_GRADES_IDS, { lessonId: fresh(), kind: "CURRENT", entries: [{ studentId, value }] });
const attend = (studentId: string, status: string) =>
  post(RECORD_ATTENDANCE_IDS, {
    lessonId: fresh(),
    entries: [{ studentId, status, reason: status === "ABSENT_EXCUSED" ? "family" : null }],
  });

async function gradeCell(studentId: string): Promise<Grade> {
  const cells = await h.orm.em.fork().find(Grade, { lessonId: fresh(), studentId, kind: "CURRENT" });
  expect(cells).toHaveLength(1);
  return cells[0]!;
}
const historyOf = (cellId: string) => h.orm.em.fork().find(JournalChange, { cellId }, { orderBy: { changedAt: "asc" } });
const eventsAbout = async (topic: string, key: "gradeId" | "markId", id: string) =>
  (await h.orm.em.fork().find(OutboxEvent, { topic })).filter((e) => e.payload[key] === id);

const allOk = (responses: GqlResponse[]) => expect(responses.flatMap(codes)).toEqual([]);

/** The old values of a cell's history, each equal to the new value of the row before it. */
function expectChained(history: JournalChange[], finalValue: string): void {
  expect(history[0]!.oldValue).toBeNull();
  for (let i = 1; i < history.length; i++) expect(history[i]!.oldValue).toBe(history[i - 1]!.newValue);
  expect(history[history.length - 1]!.newValue).toBe(finalValue);
}

/**
 * Orders a cell's history by its chain rather than by time (changedAt is the pinned clock, identical for every
 * row): starting from the creation, each next row is the one whose old value is the current new value.
 */
function chainOrder(rows: JournalChange[]): JournalChange[] {
  const left = [...rows];
  const start = left.findIndex((r) => r.oldValue === null);
  expect(start).toBeGreaterThanOrEqual(0);
  const ordered = left.splice(start, 1);
  while (left.length) {
    const next = left.findIndex((r) => r.oldValue === ordered[ordered.length - 1]!.newValue);
    expect(next, "a history row whose old value is not the previous new value").toBeGreaterThanOrEqual(0);
    ordered.push(...left.splice(next, 1));
  }
  return ordered;
}

describe(`${PARALLEL} identical writes to one cell at once`, () => {
  it("a fresh mark: every call succeeds, one cell, one history row, one event", async () => {
    const student = w.studentsA[0]!;
    allOk(await Promise.all(Array.from({ length: PARALLEL }, () => grade(student, 5))));
    const cell = await gradeCell(student);
    expect(cell.value).toBe(5);
    expect(await historyOf(cell.id)).toHaveLength(1);
    expect(await eventsAbout(GRADE_RECORDED, "gradeId", cell.id)).toHaveLength(1);
  });

  it("changing that mark 5 → 3: one more history row and one more event", async () => {
    const student = w.studentsA[0]!;
    allOk(await Promise.all(Array.from({ length: PARALLEL }, () => grade(student, 3))));
    const cell = await gradeCell(student);
    expect(cell.value).toBe(3);
    const history = await historyOf(cell.id);
    expect(history.map((r) => [r.oldValue, r.newValue])).toEqual([
      [null, "5"],
      ["5", "3"],
    ]);
    expect(await eventsAbout(GRADE_RECORDED, "gradeId", cell.id)).toHaveLength(2);
  });

  it("a fresh attendance cell: one mark, one history row, one event", async () => {
    const student = w.studentsA[1]!;
    allOk(await Promise.all(Array.from({ length: PARALLEL }, () => attend(student, "ABSENT_UNEXCUSED"))));
    const marks = await h.orm.em.fork().find(AttendanceMark, { lessonId: fresh(), studentId: student });
    expect(marks).toHaveLength(1);
    expect(await historyOf(marks[0]!.id)).toHaveLength(1);
    expect(await eventsAbout(ATTENDANCE_RECORDED, "markId", marks[0]!.id)).toHaveLength(1);
  });
});

describe(`${PARALLEL} different writes to one cell at once`, () => {
  it("marks: no call fails and the history's old values chain to the value the cell holds", async () => {
    const student = w.studentsA[2]!;
    allOk(await Promise.all(Array.from({ length: PARALLEL }, (_, i) => grade(student, 1 + (i % 5)))));
    const cell = await gradeCell(student);
    const history = chainOrder(await historyOf(cell.id));
    expectChained(history, String(cell.value));
    // One event per history row: each change was told once, none twice.
    expect(await eventsAbout(GRADE_RECORDED, "gradeId", cell.id)).toHaveLength(history.length);
  });

  it("attendance: the same, for a cell created by the race", async () => {
    const student = w.studentsA[3]!;
    const statuses = ["ABSENT_UNEXCUSED", "LATE", "PRESENT", "ABSENT_EXCUSED"];
    allOk(await Promise.all(Array.from({ length: PARALLEL }, (_, i) => attend(student, statuses[i % statuses.length]!))));
    const marks = await h.orm.em.fork().find(AttendanceMark, { lessonId: fresh(), studentId: student });
    expect(marks).toHaveLength(1);
    expectChained(chainOrder(await historyOf(marks[0]!.id)), marks[0]!.status);
  });
});

describe("Idempotency-Key", () => {
  it("a retry with the same key is answered with the first call's cells and changes nothing, even after another write", async () => {
    const student = w.studentsA[4]!;
    const first = await post(
      RECORD_GRADES_IDS,
      { lessonId: fresh(), kind: "CURRENT", entries: [{ studentId: student, value: 4 }] },
      "retry-1",
    );
    allOk([first]);
    // Someone else corrects the mark meanwhile; the client, who lost the first answer, sends its call again.
    allOk([await grade(student, 2)]);
    const retry = await post(
      RECORD_GRADES_IDS,
      { lessonId: fresh(), kind: "CURRENT", entries: [{ studentId: student, value: 4 }] },
      "retry-1",
    );
    allOk([retry]);
    expect(retry.data).toEqual(first.data);
    const cell = await gradeCell(student);
    expect(cell.value).toBe(2);
    expect((await historyOf(cell.id)).map((r) => r.newValue).sort()).toEqual(["2", "4"]);
  });

  it(`${PARALLEL} parallel calls with one key apply once`, async () => {
    const student = w.studentsA[5]!;
    const input = (value: number) => ({ lessonId: fresh(), kind: "CURRENT", entries: [{ studentId: student, value }] });
    await grade(student, 1);
    allOk(await Promise.all(Array.from({ length: PARALLEL }, () => post(RECORD_GRADES_IDS, input(5), "parallel-1"))));
    const cell = await gradeCell(student);
    expect((await historyOf(cell.id)).map((r) => r.newValue).sort()).toEqual(["1", "5"]);
  });

  it("the same key with a different input is refused, naming the header", async () => {
    const student = w.studentsA[6]!;
    const input = (value: number) => ({ lessonId: fresh(), kind: "CURRENT", entries: [{ studentId: student, value }] });
    allOk([await post(RECORD_GRADES_IDS, input(3), "reused-1")]);
    const reused = await post(RECORD_GRADES_IDS, input(4), "reused-1");
    expect(codes(reused)).toEqual(["BAD_USER_INPUT"]);
    expect(reused.errors![0]!.extensions!.field).toBe("Idempotency-Key");
    expect((await gradeCell(student)).value).toBe(3);
  });

  it("a key is the caller's own: another caller's identical key does not answer for them", async () => {
    const student = w.studentsA[7]!;
    const input = { lessonId: fresh(), kind: "CURRENT", entries: [{ studentId: student, value: 4 }] };
    allOk([await post(RECORD_GRADES_IDS, input, "shared-1")]);
    const teacherToken = token;
    token = await h.tokenFor(w.as.principal);
    try {
      const other = await post(RECORD_GRADES_IDS, { ...input, entries: [{ studentId: student, value: 5 }] }, "shared-1");
      allOk([other]);
    } finally {
      token = teacherToken;
    }
    expect((await gradeCell(student)).value).toBe(5);
  });
});
