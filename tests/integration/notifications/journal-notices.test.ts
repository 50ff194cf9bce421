/**
 * Journal → outbox → bus → notifications: a recorded grade or absence becomes one notice per consenting
 * guardian, in the guardian's language, exactly once, even when the journal crashed before relaying.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKeys, type SigningKeys } from "../../../shared/auth/keys.js";
import { InProcessBus, type EventEnvelope } from "../../../shared/events/bus.js";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { OutboxRelay } from "../../../shared/events/outbox.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { GuardianLink, Notification, SubjectName } from "../../../subgraphs/notifications/entities/index.js";
import { notificationsSubgraph } from "../../../subgraphs/notifications/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { claims, DownBus, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { healthWordsIn } from "../../fixtures/health-words.js";
import { RECORD_ATTENDANCE, RECORD_GRADES } from "../../graphql/journal.js";
import { USER_NOTIFICATIONS } from "../../graphql/notifications.js";
import { gql } from "../../support/client.js";

let keys: SigningKeys;
let bus: InProcessBus;
let notices: SubgraphHarness;

beforeAll(async () => {
  keys = await generateSigningKeys();
  bus = new InProcessBus();
  notices = await startSubgraphHarness(notificationsSubgraph, { bus, keys });
});
afterAll(async () => {
  await notices.close();
  await bus.close();
});

/** Guardians of one student, as the users subgraph's events would replicate them. */
async function seedGuardians(studentId: string) {
  const em = notices.orm.em.fork();
  const consenting = randomUUID();
  const withdrawn = randomUUID();
  em.persist(em.create(GuardianLink, { id: randomUUID(), studentId, guardianId: consenting, locale: "RU", notify: true }));
  em.persist(em.create(GuardianLink, { id: randomUUID(), studentId, guardianId: withdrawn, locale: "UZ_LATN", notify: false }));
  await em.flush();
  return { consenting, withdrawn };
}

const noticesOf = (recipientId: string) => notices.orm.em.fork().find(Notification, { recipientId }, { orderBy: { createdAt: "asc" } });
const lastDay = (w: JournalWorld) => w.lessonsA[w.lessonsA.length - 1]!;

describe("with a healthy relay", () => {
  let journal: SubgraphHarness;
  let w: JournalWorld;
  let guardians: { consenting: string; withdrawn: string };
  let cyrillicGuardian: string;

  beforeAll(async () => {
    journal = await startSubgraphHarness(journalSubgraph, { bus, keys });
    w = await seedJournalWorld(journal.orm, { sizeA: 4, sizeB: 2 });
    guardians = await seedGuardians(w.studentsA[0]!);
    cyrillicGuardian = randomUUID();
    const em = notices.orm.em.fork();
    em.persist(em.create(GuardianLink, { id: randomUUID(), studentId: w.studentsA[1]!, guardianId: cyrillicGuardian, locale: "UZ_CYRL" }));
    // The subject catalogue's replica, as the seed writes it: notices name the subject from here.
    em.persist(em.create(SubjectName, { subjectId: w.maths, latn: "Matematika", ru: "Математика" }));
    await em.flush();
  });
  afterAll(() => journal.close());

  it("turns a recorded grade into one notice per consenting guardian, in their language", async () => {
    const token = await journal.tokenFor(w.as.teacher);
    const res = await gql(
      journal.url,
      RECORD_GRADES,
      {
        input: {
          lessonId: lastDay(w),
          kind: "CURRENT",
          entries: [
            { studentId: w.studentsA[0], value: 5 },
            { studentId: w.studentsA[1], value: 4 },
          ],
        },
      },
      { token },
    );
    expect(res.errors).toBeUndefined();
    await journal.relay.drain();

    const mine = await noticesOf(guardians.consenting);
    expect(mine.map((n) => [n.kind, n.title, n.studentId])).toEqual([["GRADE", "Математика: новая оценка 5", w.studentsA[0]]]);
    expect(await noticesOf(guardians.withdrawn)).toEqual([]);
    const cyr = await noticesOf(cyrillicGuardian);
    expect(cyr.map((n) => n.title)).toEqual(["Математика: янги баҳо 4"]);
    // The kind of mark and the lesson day in the reader's own date format.
    expect(mine[0]!.body).toBe("Вашему ребёнку поставлена оценка 5 (текущая оценка) по предмету «Математика» за урок 20 ноября 2026 г.");
    expect(cyr[0]!.body).toContain("20 ноябр, 2026 кунги Математика дарсда 4 олди (жорий баҳо)");
  });

  it("turns an absence into a notice and a presence into nothing", async () => {
    const token = await journal.tokenFor(w.as.teacher);
    const res = await gql(
      journal.url,
      RECORD_ATTENDANCE,
      {
        input: {
          lessonId: lastDay(w),
          entries: [
            { studentId: w.studentsA[0], status: "ABSENT_UNEXCUSED" },
            { studentId: w.studentsA[1], status: "PRESENT" },
          ],
        },
      },
      { token },
    );
    expect(res.errors).toBeUndefined();
    await journal.relay.drain();
    const mine = await noticesOf(guardians.consenting);
    expect(mine.map((n) => n.kind)).toEqual(["GRADE", "ABSENCE"]);
    expect(mine[1]!.title).toBe("Пропуск урока без уважительной причины (20 ноября 2026 г.)");
    expect(await noticesOf(cyrillicGuardian)).toHaveLength(1);
    expect(await noticesOf(guardians.withdrawn)).toEqual([]);
  });

  it("shows the guardian their notices through User.notifications", async () => {
    const token = await notices.tokenFor(claims(guardians.consenting, "PARENT", { children: [w.studentsA[0]!] }));
    const res = await gql(notices.url, USER_NOTIFICATIONS, { r: [{ __typename: "User", id: guardians.consenting }] }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities[0].notifications.map((n: any) => [n.kind, n.student.id, n.readAt])).toEqual([
      ["ABSENCE", w.studentsA[0], null],
      ["GRADE", w.studentsA[0], null],
    ]);
  });

  it("tells of an absence through illness only as an excused absence: no ILLNESS, no reason, no health word leaves the journal", async () => {
    const token = await journal.tokenFor(w.as.teacher);
    const before = { ru: (await noticesOf(guardians.consenting)).length, cyr: (await noticesOf(cyrillicGuardian)).length };
    const res = await gql(
      journal.url,
      RECORD_ATTENDANCE,
      {
        input: {
          lessonId: w.lessonsA[1]!,
          entries: [
            { studentId: w.studentsA[0], status: "ILLNESS", reason: "Kasallik varaqasi: gripp" },
            { studentId: w.studentsA[1], status: "ILLNESS" },
          ],
        },
      },
      { token },
    );
    expect(res.errors).toBeUndefined();
    // The homeroom teacher who recorded it still sees what was recorded.
    expect(res.data.recordAttendance.map((m: any) => m.status)).toEqual(["ILLNESS", "ILLNESS"]);

    const events = await journal.orm.em
      .fork()
      .find(OutboxEvent, { topic: "journal.attendance.recorded" }, { orderBy: { seq: "desc" }, limit: 2 });
    expect(events.map((e) => e.payload.status)).toEqual(["ABSENT_EXCUSED", "ABSENT_EXCUSED"]);
    for (const event of events) {
      expect(Object.keys(event.payload).sort()).toEqual(["classId", "date", "lessonId", "markId", "status", "studentId", "subjectId"]);
      expect(JSON.stringify(event.payload)).not.toMatch(/ILLNESS|gripp|Kasallik/);
    }
    await journal.relay.drain();

    const ru = (await noticesOf(guardians.consenting)).slice(before.ru);
    expect(ru.map((n) => [n.kind, n.title])).toEqual([["ABSENCE", "Пропуск урока по уважительной причине (17 ноября 2026 г.)"]]);
    const cyr = (await noticesOf(cyrillicGuardian)).slice(before.cyr);
    expect(cyr.map((n) => [n.kind, n.title])).toEqual([["ABSENCE", "Дарсга сабабли келмади (17 ноябр, 2026)"]]);
    for (const notice of [...ru, ...cyr]) {
      expect(healthWordsIn(`${notice.title} ${notice.body}`)).toEqual([]);
      expect(`${notice.title} ${notice.body}`).not.toMatch(/ILLNESS|gripp/i);
    }
    expect(await noticesOf(guardians.withdrawn)).toEqual([]);

    // An event from before the journal generalised at the source is announced the same way.
    await bus.publish({
      id: randomUUID(),
      topic: "journal.attendance.recorded",
      source: "journal",
      occurredAt: new Date().toISOString(),
      payload: { ...events[0]!.payload, studentId: w.studentsA[0], markId: randomUUID(), status: "ILLNESS", date: "2026-11-18" },
    });
    const stray = (await noticesOf(guardians.consenting)).at(-1)!;
    expect(stray.title).toBe("Пропуск урока по уважительной причине (18 ноября 2026 г.)");
  });
});

describe("after a crash between commit and relay", () => {
  let journal: SubgraphHarness;
  let w: JournalWorld;
  let guardians: { consenting: string; withdrawn: string };

  beforeAll(async () => {
    // The journal's own relay cannot reach the bus: its commits land in the outbox and stay there.
    journal = await startSubgraphHarness(journalSubgraph, { bus, keys, relayBus: new DownBus() });
    w = await seedJournalWorld(journal.orm, { sizeA: 3, sizeB: 2 });
    guardians = await seedGuardians(w.studentsA[0]!);
  });
  afterAll(() => journal.close());

  it("delivers the committed events once a new relay runs, exactly once however often they are relayed", async () => {
    const token = await journal.tokenFor(w.as.teacher);
    const res = await gql(
      journal.url,
      RECORD_GRADES,
      { input: { lessonId: lastDay(w), kind: "CURRENT", entries: [{ studentId: w.studentsA[0], value: 3 }] } },
      { token },
    );
    expect(res.errors).toBeUndefined();
    await journal.relay.drain();
    expect(await noticesOf(guardians.consenting)).toEqual([]);
    const pending = await journal.orm.em.fork().find(OutboxEvent, { publishedAt: null });
    expect(pending.map((e) => e.topic)).toEqual(["journal.grade.recorded"]);

    // The process restarts: a fresh relay over the same outbox and the real bus.
    const restarted = new OutboxRelay(journal.orm, bus, { source: "journal" });
    expect(await restarted.drain()).toBe(1);
    expect((await noticesOf(guardians.consenting)).map((n) => n.title)).toEqual(["Новая оценка 3"]);

    // Nothing left to relay; and a redelivery of the very same envelope (a bus retry) changes nothing.
    expect(await restarted.drain()).toBe(0);
    const event = pending[0]!;
    const envelope: EventEnvelope = {
      id: event.id,
      topic: event.topic,
      source: "journal",
      occurredAt: event.createdAt.toISOString(),
      payload: event.payload,
    };
    await bus.publish(envelope);
    await bus.publish(envelope);
    expect(await noticesOf(guardians.consenting)).toHaveLength(1);
    expect(await noticesOf(guardians.withdrawn)).toEqual([]);
    await restarted.stop();
  });
});
