/**
 * The issue's "Done when", as one scenario both buses run: the guardian read-model is changed through the
 * API (a guardian linked, one unlinked, a parent's language changed), demo-teacher records marks for the
 * whole of 5-A in one call, and the process is SIGKILLed at the given steps and restarted each time; then,
 * from the databases, every consenting guardian of every 5-A student has exactly one notice per grade, in
 * their language, naming the child in their script, and nobody else has one.
 */
import type { MikroORM } from "@mikro-orm/core";
import { expect } from "vitest";
import { loadConfig, type SubgraphName } from "../../../shared/config.js";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { ProcessedEvent } from "../../../shared/events/processed-event.entity.js";
import { localName } from "../../../shared/i18n/names.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import { openConfiguredDatabases } from "../../../scripts/lib/databases.js";
import { Notification } from "../../../subgraphs/notifications/entities/index.js";
import { Subject } from "../../../subgraphs/institutions/entities/index.js";
import { gradeText, type LessonMarkKind } from "../../../subgraphs/notifications/templates/grade.js";
import { Consent, Guardianship, User, inForceKey } from "../../../subgraphs/users/entities/index.js";
import { doc, gql, signIn } from "../client.js";
import { LINK_GUARDIAN, MY_CHILDREN, STUDENT_GUARDIANS, UNLINK_GUARDIAN, UPDATE_MY_PROFILE } from "../../graphql/guardians.js";
import { NodeProcess } from "./node-process.js";
import type { ReadyInfo } from "./node.js";

const GRADE_TOPIC = "journal.grade.recorded";
const RECORD_GRADES = doc("record-grades");
const MY_NOTIFICATIONS = doc("my-notifications");

export interface ScenarioOptions {
  label: string;
  /** DATA_DIR, database URLs, NATS settings: the environment of every run. */
  env: Record<string, string>;
  /** One CRASH_AT per crashing run, in order; a clean run follows the last. */
  crashes: string[];
}

export interface ScenarioResult {
  grades: number;
  notices: number;
  /** What each run ended with (`signal` SIGKILL for a crash point). */
  exits: Array<{ crashAt: string; signal: string | null; code: number | null; report?: string }>;
}

const ok = <T>(res: { data?: T; errors?: unknown[] }, what: string): T => {
  if (res.errors || !res.data) throw new Error(`${what}: ${JSON.stringify(res.errors)}`);
  return res.data;
};

interface Changes {
  demoStudent: string;
  demoParent: string;
  unlinked: string;
  linked: string;
}

/** The read-model changes made through the API before the marks, and the ids they involve. */
async function changeGuardians(gateway: string): Promise<Changes> {
  const [principal, parent, other] = await Promise.all(
    ["demo-principal", "demo-parent", "demo-parent-other"].map((l) => signIn(gateway, l)),
  );
  const mine = ok(
    await gql<{ me: { id: string; children: Array<{ id: string }> } }>(gateway, MY_CHILDREN, {}, { token: parent }),
    "children",
  );
  const demoStudent = mine.me.children[0]!.id;
  const otherId = ok(await gql<{ me: { id: string } }>(gateway, MY_CHILDREN, {}, { token: other }), "me").me.id;
  const guardians = ok(
    await gql<{ user: { guardians: Array<{ id: string }> } }>(gateway, STUDENT_GUARDIANS, { id: demoStudent }, { token: principal }),
    "guardians",
  ).user.guardians;
  const father = guardians.find((g) => g.id !== mine.me.id)!.id;

  ok(await gql(gateway, UPDATE_MY_PROFILE, { locale: "RU" }, { token: parent }), "updateMyProfile");
  ok(await gql(gateway, UNLINK_GUARDIAN, { studentId: demoStudent, parentId: father }, { token: principal }), "unlinkGuardian");
  ok(
    await gql(gateway, LINK_GUARDIAN, { studentId: demoStudent, parentId: otherId, relation: "GUARDIAN" }, { token: principal }),
    "linkGuardian",
  );
  return { demoStudent, demoParent: mine.me.id, unlinked: father, linked: otherId };
}

/** Records a mark for every 5-A student in one call; a crash point may cut the response off (the commit came first). */
async function recordFiveA(info: ReadyInfo): Promise<void> {
  const token = await signIn(info.gateway, "demo-teacher");
  const entries = info.studentIds.map((studentId, i) => ({ studentId, value: (i % 5) + 1 }));
  try {
    const res = await gql(info.gateway, RECORD_GRADES, { input: { lessonId: info.lessonId, kind: "CURRENT", entries } }, { token });
    ok(res, "recordGrades");
  } catch (error) {
    if (!(error instanceof TypeError)) throw error; // fetch failed: the process died before answering
  }
}

const openAll = (env: Record<string, string>): Promise<Record<SubgraphName, MikroORM>> => openConfiguredDatabases(loadConfig(env));

/** From the databases: the notices are exactly the expected ones, each once, each in its guardian's language. */
async function verify(env: Record<string, string>, info: ReadyInfo, changes: Changes): Promise<{ grades: number; notices: number }> {
  const orms = await openAll(env);
  try {
    const events = await orms.journal.em.fork().find(OutboxEvent, { topic: GRADE_TOPIC });
    const ours = events.filter((e) => e.payload.lessonId === info.lessonId);
    // One event per student: a crash never makes the journal record (or publish from its outbox) twice.
    expect(ours.map((e) => e.payload.studentId).sort()).toEqual([...info.studentIds].sort());
    expect(ours.every((e) => e.publishedAt)).toBe(true);

    const users = orms.users.em.fork();
    const links = await users.find(Guardianship, { studentId: { $in: info.studentIds } });
    const people = new Map(
      (await users.find(User, { id: { $in: [...info.studentIds, ...links.map((l) => l.parentId)] } })).map((u) => [u.id, u]),
    );
    const consenting = new Set(
      (await users.find(Consent, { inForceKey: { $in: links.map((l) => inForceKey(l.parentId, "PARENT_NOTIFICATIONS")) } })).map(
        (c) => c.subjectId,
      ),
    );

    // Subjects by the owner's catalogue, which the notices name them by.
    const subjects = new Map(
      (await orms.institutions.em.fork().find(Subject, { id: { $in: ours.map((e) => e.payload.subjectId as string) } })).map((s) => [
        s.id,
        s,
      ]),
    );
    const expected: Array<[string, string, string, string]> = [];
    for (const event of ours) {
      const studentId = event.payload.studentId as string;
      const student = people.get(studentId)!;
      for (const link of links.filter((l) => l.studentId === studentId && consenting.has(l.parentId))) {
        const locale = people.get(link.parentId)!.locale as Locale;
        const name = localName({ latn: student.fullName!, cyrl: student.fullNameCyrl }, locale);
        const subject = subjects.get(event.payload.subjectId as string)!;
        const about = {
          subject: localName({ latn: subject.nameLatn, ru: subject.nameRu }, locale),
          kind: event.payload.kind as LessonMarkKind,
          date: event.payload.date as string,
        };
        // A lesson that already held a mark for the student: the notice is a correction.
        const previous = event.payload.previousValue as number | null | undefined;
        const value = event.payload.value as number;
        const change = previous == null ? { what: "GIVEN" as const, value } : { what: "CORRECTED" as const, from: previous, to: value };
        const { title, body } = gradeText(locale, about, change, [name]);
        expected.push([event.id, link.parentId, title, body]);
      }
    }
    const notices = await orms.notifications.em.fork().find(Notification, { sourceEventId: { $in: ours.map((e) => e.id) } });
    const actual = notices.map((n): [string, string, string, string] => [n.sourceEventId, n.recipientId, n.title, n.body]);
    const key = (row: string[]): string => row.join("|");
    // Exactly once each (a duplicate would show twice), nobody missing, nobody extra, every text as expected.
    expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
    expect(notices.every((n) => n.kind === "GRADE")).toBe(true);

    // The read-model changes made through the API took effect.
    const demoStudentEvent = ours.find((e) => e.payload.studentId === changes.demoStudent)!;
    const about = notices.filter((n) => n.sourceEventId === demoStudentEvent.id);
    expect(about.map((n) => n.recipientId).sort()).toEqual([changes.demoParent, changes.linked].sort());
    expect(about.find((n) => n.recipientId === changes.demoParent)!.title).toMatch(/^Математика: новая оценка \d$/);
    expect(about.find((n) => n.recipientId === changes.linked)!.title).toMatch(/^Математика: янги баҳо \d$/);
    expect(notices.filter((n) => n.recipientId === changes.unlinked)).toEqual([]);

    // Every processed mark belongs to an event, once per consumer (the table's key).
    const processed = await orms.notifications.em
      .fork()
      .count(ProcessedEvent, { consumer: "notifications", eventId: { $in: ours.map((e) => e.id) } });
    expect(processed).toBe(ours.length);
    return { grades: ours.length, notices: notices.length };
  } finally {
    for (const orm of Object.values(orms)) await orm.close();
  }
}

export async function runFiveAScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const exits: ScenarioResult["exits"] = [];
  const runs = [...options.crashes, ""];
  let info: ReadyInfo | undefined;
  let changes: Changes | undefined;
  let expectedEvents = 0;

  for (const [i, crashAt] of runs.entries()) {
    const node = NodeProcess.start(`${options.label} run ${i + 1}${crashAt ? ` (${crashAt})` : ""}`, {
      ...options.env,
      ...(crashAt ? { CRASH_AT: crashAt } : {}),
    });
    try {
      if (i === 0) {
        const ready = await node.ready();
        changes = await changeGuardians(ready.gateway);
        await node.state("the guardian changes handled", (s) => s.events >= 3 && s.unpublished === 0 && s.unprocessed === 0);
        info = ready;
        expectedEvents = 3 + ready.studentIds.length;
        await recordFiveA(ready);
      }
      if (crashAt) {
        const exit = await node.crashed();
        exits.push({ crashAt, signal: exit.signal, code: exit.code, report: node.crashReport });
        continue;
      }
      // A restarted relay drains the outbox at once, so a crash point may strike before READY.
      const ready = await node.ready();
      await node.state("every event handled", (s) => s.events === expectedEvents && s.unpublished === 0 && s.unprocessed === 0);
      // Readable: demo-parent sees the notice about their child through the gateway, once, in Russian.
      const token = await signIn(ready.gateway, "demo-parent");
      const mine = ok(
        await gql<{ me: { notifications: Array<{ title: string; student: { id: string } | null }> } }>(
          ready.gateway,
          MY_NOTIFICATIONS,
          {},
          { token },
        ),
        "notifications",
      );
      const fresh = mine.me.notifications.filter((n) => n.title.includes("новая оценка") && n.student?.id === changes!.demoStudent);
      expect(fresh).toHaveLength(1);
      const exit = await node.stop();
      exits.push({ crashAt: "", signal: exit.signal, code: exit.code });
    } catch (error) {
      await node.stop();
      throw error;
    }
  }
  const counts = await verify(options.env, info!, changes!);
  return { ...counts, exits };
}
