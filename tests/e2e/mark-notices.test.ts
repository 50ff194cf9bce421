/**
 * Notices that say what happened, through the gateway on the demo world: a new mark names its subject,
 * kind and day; a correction is one "corrected from X to Y" notice; a comment-only edit tells no one; a
 * removal (by the teacher while the term is open, by the principal after its lock) is one "removed"
 * notice, and the history keeps the removed value and the reason.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../shared/events/outbox-event.entity.js";
import { Grade, Lesson } from "../../subgraphs/journal/entities/index.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { pinToday, unpinToday } from "../support/clock.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const MY_NOTIFICATIONS = doc("my-notifications");
const RECORD = doc("record-grade-with-comment");
const REMOVE = doc("remove-grade");
const HISTORY = doc("journal-history-with-reasons");

const TODAY = "2026-11-30";
let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = ["demo-parent", "demo-teacher", "demo-teacher-other", "demo-principal"];

beforeAll(async () => {
  // Quarter 2 is open, quarter 1 locked (since 2026-11-06).
  pinToday(TODAY);
  system = await startTestSystem();
  ids = await demoIds(system);
  for (const login of LOGINS) tokens[login] = await signIn(system.gatewayUrl, login);
});
afterAll(async () => {
  await system?.stop();
  unpinToday();
});

type Notice = { kind: string; title: string; body: string };
const call = (login: DemoLogin, query: string, variables: Record<string, unknown> = {}, purpose?: string) =>
  gql(system.gatewayUrl, query, variables, { token: tokens[login], purpose });
const student = () => ids.people["demo-student"].id;
const notices = async (): Promise<Notice[]> => (await call("demo-parent", MY_NOTIFICATIONS)).data.me.notifications;

/** The parent's notices (newest first) once the journal's outbox is relayed and `count` more have arrived. */
async function noticesAfter(before: number, count: number): Promise<Notice[]> {
  await system.relays.journal.drain();
  let list: Notice[] = [];
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    list = await notices();
    if (list.length >= before + count) break;
  }
  return list;
}
const gradeEvents = () =>
  system.orms.journal.em.fork().count(OutboxEvent, { topic: { $in: ["journal.grade.recorded", "journal.grade.removed"] } });

/** A 5-A Matematika lesson in [from, to) with no CURRENT mark of demo-student yet. */
async function ungradedLesson(from: string, to: string): Promise<Lesson> {
  const em = system.orms.journal.em.fork();
  const lessons = await em.find(
    Lesson,
    { classId: ids.classes["5-A"], subjectId: ids.subjects["Matematika"], date: { $gte: from, $lt: to }, cancelled: false },
    { orderBy: { date: "desc" } },
  );
  const graded = new Set((await em.find(Grade, { studentId: student(), kind: "CURRENT" })).map((g) => g.lessonId));
  return lessons.find((l) => !graded.has(l.id))!;
}

const record = (login: DemoLogin, lessonId: string, value: number, comment?: string) =>
  call(login, RECORD, { input: { lessonId, kind: "CURRENT", entries: [{ studentId: student(), value, comment }] } }, "JOURNAL");

describe("a mark given, corrected, commented and removed in an open term", () => {
  let lesson: Lesson;
  let gradeId: string;

  beforeAll(async () => {
    lesson = await ungradedLesson("2026-11-10", TODAY);
  });

  it("a new mark: the subject, the kind and the day in the parent's language (demo-parent reads uz-Latn)", async () => {
    const before = (await notices()).length;
    const res = await record("demo-teacher", lesson.id, 5);
    expect(res.errors).toBeUndefined();
    gradeId = res.data.recordGrades[0].id;
    const [latest] = await noticesAfter(before, 1);
    expect(latest!.kind).toBe("GRADE");
    expect(latest!.title).toBe("Matematika: yangi baho 5");
    const day = new Intl.DateTimeFormat("uz-Latn", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
      Date.parse(`${lesson.date}T00:00:00Z`),
    );
    expect(latest!.body).toContain(`${day} kungi Matematika darsda 5 oldi (joriy baho)`);
    expect(latest!.body).not.toContain(lesson.date);
  });

  it("a correction 5 → 3 is one 'corrected from 5 to 3' notice, not a new mark", async () => {
    const before = await notices();
    expect((await record("demo-teacher", lesson.id, 3)).errors).toBeUndefined();
    const after = await noticesAfter(before.length, 1);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]!).toMatchObject({ kind: "GRADE", title: "Matematika: baho 5 dan 3 ga tuzatildi" });
    expect(after.filter((n) => n.title === "Matematika: yangi baho 3")).toEqual([]);
  });

  it("a comment-only edit is kept but publishes nothing and notifies no one", async () => {
    const [before, events] = [(await notices()).length, await gradeEvents()];
    const res = await record("demo-teacher", lesson.id, 3, "Uy vazifasini bajarmagan");
    expect(res.data.recordGrades[0]).toMatchObject({ id: gradeId, value: 3, comment: "Uy vazifasini bajarmagan" });
    await system.relays.journal.drain();
    expect(await gradeEvents()).toBe(events);
    expect(await notices()).toHaveLength(before);
  });

  it("removal: refused to a teacher of another school and without a reason", async () => {
    const stranger = await call("demo-teacher-other", REMOVE, { input: { gradeId, reason: "xato" } });
    expect(codes(stranger)).toEqual(["FORBIDDEN"]);
    const noReason = await call("demo-teacher", REMOVE, { input: { gradeId, reason: "  " } });
    expect(codes(noReason)).toEqual(["BAD_USER_INPUT"]);
    expect(await system.orms.journal.em.fork().count(Grade, { id: gradeId })).toBe(1);
  });

  it("the teacher removes it with a reason: one 'removed' notice, and the history keeps the value and why", async () => {
    const before = (await notices()).length;
    const res = await call("demo-teacher", REMOVE, { input: { gradeId, reason: "Boshqa o‘quvchiga qo‘yilgan edi" } });
    expect(res.errors).toBeUndefined();
    expect(res.data.removeGrade).toBe(gradeId);
    expect(await system.orms.journal.em.fork().count(Grade, { id: gradeId })).toBe(0);
    const after = await noticesAfter(before, 1);
    expect(after).toHaveLength(before + 1);
    expect(after[0]!).toMatchObject({ kind: "GRADE", title: "Matematika: baho olib tashlandi" });
    expect(after[0]!.body).toContain("3 bahosi (joriy baho) olib tashlandi");

    const history = await call("demo-principal", HISTORY, { classId: ids.classes["5-A"], date: lesson.date }, "ADMINISTRATION");
    expect(history.errors).toBeUndefined();
    const rows = history.data.journalHistory.filter((c: { cellId: string }) => c.cellId === gradeId);
    expect(rows.map((c: Record<string, unknown>) => [c.oldValue, c.newValue, c.reason])).toEqual([
      [null, "5", null],
      ["5", "3", null],
      ["3", "3", null],
      ["3", null, "Boshqa o‘quvchiga qo‘yilgan edi"],
    ]);
  });
});

describe("after the term's lock", () => {
  it("the teacher may no longer remove a mark; the principal may, and the parent is told", async () => {
    // The demo seeds this quarter's lessons only: a first-quarter lesson made for the test.
    const em = system.orms.journal.em.fork();
    const lesson = em.create(Lesson, {
      id: randomUUID(),
      classId: ids.classes["5-A"]!,
      subjectId: ids.subjects["Matematika"]!,
      teacherId: ids.people["demo-teacher"].id,
      date: "2026-10-20",
      period: 7,
    });
    await em.persist(lesson).flush();
    // The principal gives it (only the administration writes a locked term).
    const given = await record("demo-principal", lesson.id, 2);
    expect(given.errors).toBeUndefined();
    const gradeId = given.data.recordGrades[0].id;
    await system.relays.journal.drain();
    const before = (await notices()).length;

    const refused = await call("demo-teacher", REMOVE, { input: { gradeId, reason: "xato" } });
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    const removed = await call("demo-principal", REMOVE, { input: { gradeId, reason: "Xato kiritilgan" } }, "JOURNAL");
    expect(removed.errors).toBeUndefined();
    const after = await noticesAfter(before, 1);
    expect(after[0]!.title).toBe("Matematika: baho olib tashlandi");
  });
});
