/**
 * A block covers everything derived from the blocked data (issue 12 §4). With demo-student's marks and
 * attendance blocked, demo-teacher (their maths and homeroom teacher) no longer gets them through the
 * term-mark sheet (marks, mean, suggestion), the class's daily attendance summary counts no mark of theirs,
 * and the reports leave their rows out; through the gateway and straight at the journal.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_BLOCKED } from "../../shared/privacy/blocks.js";
import { AttendanceMark, Grade } from "../../subgraphs/journal/entities/index.js";
import { CLASS_ATTENDANCE_SUMMARY, TERM_MARK_SUGGESTIONS } from "../graphql/journal-rules.js";
import { doc, gql, signIn } from "../support/client.js";
import { pinToday, unpinToday } from "../support/clock.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

const TODAY = "2026-11-30";
/** The second quarter, under way on TODAY; the demo seeds its lessons, marks and attendance. */
const QUARTER = { from: "2026-11-09", to: "2026-11-29" };
const FIGURES = doc("report-figures");

let system: TestSystem;
let ids: DemoIds;
let student: string;
beforeAll(async () => {
  pinToday(TODAY);
  system = await startTestSystem();
  ids = await demoIds(system);
  student = ids.people["demo-student"].id;
});
afterAll(async () => {
  await system?.stop();
  unpinToday();
});

async function as(login: "demo-teacher" | "demo-principal", purpose?: string) {
  return { token: await signIn(system.gatewayUrl, login), purpose };
}

type Snapshot = {
  sheetRow: { marks: number; average: number | null; suggested: number | null } | undefined;
  summaryMarks: number;
  reportAbsences: number;
  reportMarks: number;
};

/** What demo-teacher and demo-principal read about 5-A, at `url` (the gateway or the journal itself). */
async function snapshot(url: string): Promise<Snapshot> {
  const classId = ids.classes["5-A"]!;
  const teacher = await as("demo-teacher");
  const sheet = await gql(url, TERM_MARK_SUGGESTIONS, { classId, subjectId: ids.subjects["Matematika"], term: 2, year: 2026 }, teacher);
  expect(sheet.errors).toBeUndefined();
  const summary = await gql(url, CLASS_ATTENDANCE_SUMMARY, { classId, ...QUARTER }, teacher);
  expect(summary.errors).toBeUndefined();
  const principal = await as("demo-principal", "REPORTING");
  const vars = { scope: { classId }, groupBy: "CLASS", ...QUARTER };
  const only = (name: string) => FIGURES.split(/(?=^query )/m).find((d) => d.startsWith(`query ${name}(`))!;
  const [att, gr] = await Promise.all([gql(url, only("ReportAbsences"), vars, principal), gql(url, only("ReportMarks"), vars, principal)]);
  expect(att.errors ?? gr.errors).toBeUndefined();
  return {
    sheetRow: sheet.data.termMarkSuggestions.rows.find((r: any) => r.student.id === student),
    summaryMarks: summary.data.classAttendanceSummary.reduce((n: number, d: any) => n + d.marks, 0),
    reportAbsences: att.data.attendanceReport[0].absences,
    reportMarks: gr.data.gradeReport[0].marks,
  };
}

describe("a block of a pupil's marks and attendance", () => {
  it("withholds what is derived from them: the term-mark row, the summary counts and the report figures", async () => {
    const em = system.orms.journal.em.fork();
    const range = { $gte: QUARTER.from, $lte: QUARTER.to };
    const ownMarks = await em.count(Grade, {
      studentId: student,
      classId: ids.classes["5-A"],
      kind: { $in: ["CURRENT", "INTERMEDIATE"] },
      date: range,
    });
    const ownAttendance = await em.find(AttendanceMark, { studentId: student, classId: ids.classes["5-A"], date: range });
    const ownAbsences = ownAttendance.filter((a) => a.status !== "PRESENT" && a.status !== "LATE").length;
    expect(ownMarks).toBeGreaterThan(0);
    expect(ownAbsences).toBeGreaterThan(0);

    const before = await snapshot(system.gatewayUrl);
    expect(before.sheetRow?.marks).toBeGreaterThan(0);
    expect(before.sheetRow?.suggested).not.toBeNull();

    // The users subgraph grants the block and publishes it; every subgraph's replica takes it in.
    await system.bus.publish({
      id: randomUUID(),
      topic: DATA_BLOCKED,
      source: "users",
      occurredAt: new Date(Date.parse(`${TODAY}T08:00:00Z`)).toISOString(),
      payload: { subjectId: student, fields: ["User.grades", "User.attendance"], blocked: true },
    });

    for (const url of [system.gatewayUrl, system.subgraphUrls.journal]) {
      const after = await snapshot(url);
      expect(after.sheetRow, url).toBeUndefined();
      expect(after.summaryMarks, url).toBe(before.summaryMarks - ownAttendance.length);
      expect(after.reportAbsences, url).toBe(before.reportAbsences - ownAbsences);
      expect(after.reportMarks, url).toBe(before.reportMarks - ownMarks);
    }
  });
});
