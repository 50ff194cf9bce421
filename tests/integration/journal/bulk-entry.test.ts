/**
 * Bulk entry for a whole class (issue 4, "Done when": bulk entry of a 30-student class is one
 * transaction). Marks, attendance and term marks of a 30-student class are each one call, one BEGIN and
 * one COMMIT, and cost the same statements as a 3-student call; a bad entry in the middle, or a database
 * failure in the middle of the writes, leaves nothing behind: no cell, no history row, no event.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { AttendanceMark, Grade, JournalChange } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { RECORD_ATTENDANCE_IDS, RECORD_GRADES_IDS, SET_TERM_MARKS_IDS } from "../../graphql/journal-rules.js";
import { codes, gql } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";
import { usingPostgres } from "../../support/database.js";

let h: SubgraphHarness;
let w: JournalWorld;

beforeAll(async () => {
  // The second quarter is open on this day: the fixture's lessons (2026-11-16..20) are not locked.
  pinToday("2026-11-30");
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 30, sizeB: 3 });
  // Only the requests' own statements are counted: the relay (which would drain the outbox after each
  // commit, in transactions of its own) is paused for this file.
  await h.relay.stop();
  h.relay.kick = () => undefined;
});
afterAll(async () => {
  await h.close();
  unpinToday();
});

/** The lesson on the last fixture day has no marks yet. */
const freshA = () => w.lessonsA[w.lessonsA.length - 1]!;
const freshB = () => w.lessonsB[w.lessonsB.length - 1]!;

const statement = (sql: string) => sql.trim().split(/\s+/)[0]!.toLowerCase();

/** The statement that queues writers of one lesson (shared/db/write-lock.ts): it writes nothing. */
const isWriteLock = (sql: string) => /pg_advisory_xact_lock|where 0 = 1/.test(sql);

/** Runs one request and returns its statements (the request must succeed unless `expectCodes` says otherwise). */
async function measure(query: string, input: object, expectCodes: string[] = []): Promise<string[]> {
  const token = await h.tokenFor(w.as.teacher);
  h.queries.length = 0;
  const res = await gql(h.url, query, { input }, { token });
  expect(codes(res)).toEqual(expectCodes);
  return [...h.queries];
}

interface Transaction {
  statements: string[];
  end: "commit" | "rollback";
}

/** The request's transactions: the statements between each BEGIN and its COMMIT or ROLLBACK. */
function transactionsOf(sql: string[]): { transactions: Transaction[]; outside: string[] } {
  const transactions: Transaction[] = [];
  const outside: string[] = [];
  let open: string[] | undefined;
  for (const s of sql) {
    const verb = statement(s);
    if (verb === "begin") open = [];
    else if ((verb === "commit" || verb === "rollback") && open) {
      transactions.push({ statements: open, end: verb });
      open = undefined;
    } else (open ?? outside).push(s);
  }
  return { transactions, outside };
}

const JOURNAL_TABLES = ["grades", "attendance_marks", "journal_changes", "outbox_events"];

/** The tables a list of statements writes. */
const written = (sql: string[]): string[] => [
  ...new Set(
    sql.flatMap((s) => {
      if (isWriteLock(s)) return [];
      const m = /^(?:insert into|update|delete from)\s+[`"]?(\w+)[`"]?/i.exec(s.trim());
      return m ? [m[1]!] : [];
    }),
  ),
];

/**
 * The one transaction that wrote journal tables, checked to be the only one: every other transaction of the
 * request is the access audit of what the response released (one per request, by design), and nothing is
 * written outside a transaction.
 */
function theJournalTransaction(sql: string[]): Transaction {
  const { transactions, outside } = transactionsOf(sql);
  expect(written(outside)).toEqual([]);
  const journal = transactions.filter((t) => written(t.statements).some((table) => JOURNAL_TABLES.includes(table)));
  expect(journal).toHaveLength(1);
  for (const other of transactions.filter((t) => t !== journal[0])) expect(written(other.statements)).toEqual(["access_records"]);
  return journal[0]!;
}

const short = (s: string) => s.replace(/\s+/g, " ").slice(0, 40).toLowerCase();

const gradeIds = async (lessonId: string) => (await h.orm.em.fork().find(Grade, { lessonId })).map((g) => g.id);
const outboxCount = () => h.orm.em.fork().count(OutboxEvent, {});
const historyCount = () => h.orm.em.fork().count(JournalChange, {});

describe("a 30-student class in one call", () => {
  it("recordGrades: one transaction, as many statements as for 3 students", async () => {
    const thirty = await measure(RECORD_GRADES_IDS, {
      lessonId: freshA(),
      kind: "CURRENT",
      entries: w.studentsA.map((studentId, i) => ({ studentId, value: 1 + (i % 5) })),
    });
    const three = await measure(RECORD_GRADES_IDS, {
      lessonId: freshB(),
      kind: "CURRENT",
      entries: w.studentsB.map((studentId, i) => ({ studentId, value: 1 + (i % 5) })),
    });
    console.log(`recordGrades, 30 students: ${thirty.length} statements; 3 students: ${three.length}`);
    const tx = theJournalTransaction(thirty);
    expect(tx.end).toBe("commit");
    expect(thirty.length).toBe(three.length);
    // Inside: the lesson's write lock, one read of the existing cells, then one multi-row insert each of
    // grades, history and events.
    expect(tx.statements.filter(isWriteLock)).toHaveLength(1);
    expect(
      tx.statements
        .filter((s) => !isWriteLock(s))
        .map(short)
        .sort(),
    ).toEqual([
      expect.stringMatching(/^insert into [`"]grades[`"]/),
      expect.stringMatching(/^insert into [`"]journal_changes[`"]/),
      expect.stringMatching(/^insert into [`"]outbox_events[`"]/),
      expect.stringMatching(/^select .* from [`"]grades[`"]/),
    ]);
    expect(await h.orm.em.fork().count(Grade, { lessonId: freshA() })).toBe(30);
  });

  it("recordGrades again with every value changed: still one transaction, one update statement per table", async () => {
    const sql = await measure(RECORD_GRADES_IDS, {
      lessonId: freshA(),
      kind: "CURRENT",
      entries: w.studentsA.map((studentId, i) => ({ studentId, value: 1 + ((i + 1) % 5) })),
    });
    const tx = theJournalTransaction(sql);
    expect(tx.end).toBe("commit");
    expect(tx.statements.filter((s) => statement(s) === "update" && !isWriteLock(s)).map(short)).toEqual([
      expect.stringMatching(/^update [`"]grades[`"]/),
    ]);
    expect(await h.orm.em.fork().count(JournalChange, { cellId: { $in: await gradeIds(freshA()) } })).toBe(60);
  });

  it("recordAttendance: one transaction, as many statements as for 3 students", async () => {
    const status = (i: number) => (["PRESENT", "ABSENT_UNEXCUSED", "LATE"] as const)[i % 3];
    const thirty = await measure(RECORD_ATTENDANCE_IDS, {
      lessonId: freshA(),
      entries: w.studentsA.map((studentId, i) => ({ studentId, status: status(i) })),
    });
    // Three of the same class on another fresh lesson, so both calls take the same path (the homeroom teacher's).
    const three = await measure(RECORD_ATTENDANCE_IDS, {
      lessonId: w.lessonsAMother[w.lessonsAMother.length - 1]!,
      entries: w.studentsA.slice(0, 3).map((studentId, i) => ({ studentId, status: status(i) })),
    });
    console.log(`recordAttendance, 30 students: ${thirty.length} statements; 3 students: ${three.length}`);
    expect(theJournalTransaction(thirty).end).toBe("commit");
    expect(thirty.length).toBe(three.length);
    expect(await h.orm.em.fork().count(AttendanceMark, { lessonId: freshA() })).toBe(30);
  });

  it("setTermMarks: one transaction for the whole class", async () => {
    const sql = await measure(SET_TERM_MARKS_IDS, {
      classId: w.classA,
      subjectId: w.maths,
      term: 2,
      entries: w.studentsA.map((studentId, i) => ({ studentId, value: 2 + (i % 4) })),
    });
    console.log(`setTermMarks, 30 students: ${sql.length} statements`);
    expect(theJournalTransaction(sql).end).toBe("commit");
    expect(await h.orm.em.fork().count(Grade, { classId: w.classA, kind: "QUARTER", term: 2 })).toBe(30);
  });
});

describe("all or nothing", () => {
  it("a bad entry in the middle (the 16th of 30) refuses the call before anything is written", async () => {
    const lessonId = w.lessonsA[3]!;
    const [grades, history, events] = [await h.orm.em.fork().find(Grade, { lessonId }), await historyCount(), await outboxCount()];
    for (const bad of [{ value: 9 }, { studentId: w.studentsB[0] }, { comment: "x".repeat(501) }]) {
      const entries = w.studentsA.map((studentId) => ({ studentId, value: 5, ...(studentId === w.studentsA[15] ? bad : {}) }));
      const sql = await measure(RECORD_GRADES_IDS, { lessonId, kind: "CURRENT", entries }, ["BAD_USER_INPUT"]);
      expect(sql.filter((s) => statement(s) === "begin")).toEqual([]);
    }
    const attendance = w.studentsA.map((studentId) => ({
      studentId,
      status: studentId === w.studentsA[15] ? "ABSENT_EXCUSED" : "ABSENT_UNEXCUSED",
    }));
    await measure(RECORD_ATTENDANCE_IDS, { lessonId, entries: attendance }, ["BAD_USER_INPUT"]);
    const after = await h.orm.em.fork().find(Grade, { lessonId });
    expect(after.map((g) => [g.id, g.value])).toEqual(grades.map((g) => [g.id, g.value]));
    expect(await historyCount()).toBe(history);
    expect(await outboxCount()).toBe(events);
  });

  it("a database failure at the 16th student rolls back the 15 before it: no cell, no history row, no event", async () => {
    const lessonId = w.lessonsA[3]!;
    const em = h.orm.em.fork();
    // The fixture graded every student on this lesson; clear it so the call inserts thirty new cells.
    await em.nativeDelete(Grade, { lessonId });
    const [history, events] = [await historyCount(), await outboxCount()];
    const conn = h.orm.em.getConnection();
    const victim = w.studentsA[15]!;
    const pg = usingPostgres();
    if (pg) {
      await conn.execute(
        `create function fail_grade() returns trigger language plpgsql as $$ begin if new.student_id = '${victim}' then raise exception 'disk full'; end if; return new; end $$`,
      );
      await conn.execute("create trigger fail_grade before insert on grades for each row execute function fail_grade()");
    } else {
      await conn.execute(
        `create trigger fail_grade before insert on grades when new.student_id = '${victim}' begin select raise(abort, 'disk full'); end`,
      );
    }
    try {
      const sql = await measure(
        RECORD_GRADES_IDS,
        { lessonId, kind: "CURRENT", entries: w.studentsA.map((studentId) => ({ studentId, value: 4 })) },
        ["INTERNAL_SERVER_ERROR"],
      );
      const { transactions } = transactionsOf(sql);
      expect(transactions.map((t) => t.end)).toEqual(["rollback"]);
      expect(written(transactions[0]!.statements)).toContain("grades");
    } finally {
      await conn.execute(pg ? "drop trigger fail_grade on grades" : "drop trigger fail_grade");
      if (pg) await conn.execute("drop function fail_grade");
    }
    expect(await h.orm.em.fork().count(Grade, { lessonId })).toBe(0);
    expect(await historyCount()).toBe(history);
    expect(await outboxCount()).toBe(events);
  });
});
