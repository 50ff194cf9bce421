/**
 * The notice pipeline at the notifications subgraph, with its clock and hooks in the test's hands: the
 * journal's new topics (homework for a class, term marks, teachers' messages) each become one notice per
 * consenting guardian in the guardian's language naming the child in the guardian's script; quiet hours
 * defer what is not urgent; a guardian who chose the digest gets one DIGEST notice instead; and the
 * "notice created" hook runs once, inside the notices' own transaction.
 */
import { randomUUID } from "node:crypto";
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../shared/db/database.js";
import { InProcessBus, type EventEnvelope } from "../../../shared/events/bus.js";
import { ProcessedEvent } from "../../../shared/events/processed-event.entity.js";
import { BlockedField } from "../../../shared/privacy/blocked-field.entity.js";
import {
  GuardianLink,
  Notification,
  StudentName,
  SubjectName,
  notificationsEntities,
} from "../../../subgraphs/notifications/entities/index.js";
import { registerJournalConsumers } from "../../../subgraphs/notifications/events/journal-consumers.js";
import { applyNoticePreferences } from "../../../subgraphs/notifications/guardians/preferences.js";
import { composeDigests } from "../../../subgraphs/notifications/notices/digest.js";
import { noticePipeline, type NoticePipeline } from "../../../subgraphs/notifications/notices/pipeline.js";
import { testDatabaseUrl } from "../../support/database.js";

let orm: MikroORM;
let bus: InProcessBus;
let pipeline: NoticePipeline;
let clock: Date;
/** What the hook saw, per call. */
const hooked: string[][] = [];
let hookFails = false;

/** An instant given as Tashkent wall-clock time. */
const tashkent = (local: string): Date => new Date(`${local}+05:00`);

beforeAll(async () => {
  orm = await openDatabase({ name: "notifications", entities: notificationsEntities, url: testDatabaseUrl("notifications") });
  bus = new InProcessBus();
  pipeline = noticePipeline({ quietHours: { start: 22 * 60, end: 7 * 60 }, digestAt: 19 * 60 }, () => clock);
  pipeline.hooks.onCreated((em, notices) => {
    if (hookFails) throw new Error("delivery table unavailable");
    hooked.push(notices.map((n) => n.id));
    // What a delivery hook does: write its own rows on the same EntityManager, committed with the notices.
    for (const notice of notices) em.persist(em.create(ProcessedEvent, { eventId: notice.id, consumer: "delivery-test" }));
  });
  registerJournalConsumers(orm, bus, pipeline);
});
afterAll(async () => {
  await bus.close();
  await orm.close();
});
beforeEach(() => {
  clock = tashkent("2026-11-20T15:00:00");
  hookFails = false;
});

const publish = (topic: string, payload: Record<string, unknown>): Promise<EventEnvelope> => {
  const event: EventEnvelope = { id: randomUUID(), topic, source: "journal", occurredAt: clock.toISOString(), payload };
  return bus.publish(event).then(() => event);
};
const noticesOf = (sourceEventId: string) => orm.em.fork().find(Notification, { sourceEventId }, { orderBy: { recipientId: "asc" } });

interface Family {
  students: string[];
  guardians: Record<"latn" | "cyrl" | "ru" | "withdrawn", string>;
}

/** Twins (named) with a Latin-script guardian and a Cyrillic one; a third child (no name yet) with a Russian guardian and one who withdrew. */
async function family(): Promise<Family> {
  const [twinA, twinB, third] = [randomUUID(), randomUUID(), randomUUID()];
  const guardians = { latn: randomUUID(), cyrl: randomUUID(), ru: randomUUID(), withdrawn: randomUUID() };
  const em = orm.em.fork();
  const link = (studentId: string, guardianId: string, locale: string, notify = true) =>
    em.persist(em.create(GuardianLink, { id: randomUUID(), studentId, guardianId, locale, notify }));
  link(twinA, guardians.latn, "UZ_LATN");
  link(twinB, guardians.latn, "UZ_LATN");
  link(twinA, guardians.cyrl, "UZ_CYRL");
  link(third, guardians.ru, "RU");
  link(third, guardians.withdrawn, "UZ_LATN", false);
  em.persist(em.create(StudentName, { studentId: twinA, latn: "Karimov Aziz Shavkat o‘g‘li" }));
  em.persist(em.create(StudentName, { studentId: twinB, latn: "Karimova Zarina Shavkat qizi", cyrl: "Каримова Зарина Шавкат қизи" }));
  await em.flush();
  return { students: [twinA, twinB, third], guardians };
}

describe("the journal's new topics", () => {
  let f: Family;
  beforeAll(async () => {
    f = await family();
  });

  it("homework for a class: one notice per consenting guardian, naming each of their children among the class", async () => {
    // The subject catalogue's replica names the subject (the seed writes it).
    const subjectId = randomUUID();
    await orm.em.fork().insert(SubjectName, { subjectId, latn: "Ona tili", ru: "Родной язык" });
    const event = await publish("journal.homework.set", {
      lessonId: randomUUID(),
      classId: randomUUID(),
      subjectId,
      dueOn: "2026-11-23",
      studentIds: [...f.students, randomUUID()],
    });
    const notices = await noticesOf(event.id);
    const by = new Map(notices.map((n) => [n.recipientId, n]));
    expect(notices.map((n) => n.recipientId).sort()).toEqual([f.guardians.latn, f.guardians.cyrl, f.guardians.ru].sort());
    expect(notices.every((n) => n.kind === "HOMEWORK")).toBe(true);
    expect(by.get(f.guardians.latn)).toMatchObject({
      studentId: f.students[0],
      title: "Ona tili: yangi uy vazifasi (23-noyabr, 2026 gacha)",
      body: "Farzandingiz Karimov Aziz Shavkat o‘g‘li, Karimova Zarina Shavkat qizi uchun Ona tili fanidan yangi uy vazifasi, topshirish muddati 23-noyabr, 2026. Vazifa matni elektron jurnalda.",
    });
    // The name in the guardian's script: transliterated when no Cyrillic spelling is stored.
    expect(by.get(f.guardians.cyrl)!.body).toBe(
      "Фарзандингиз Каримов Азиз Шавкат ўғли учун Она тили фанидан янги уй вазифаси, топшириш муддати 23 ноябр, 2026. Вазифа матни электрон журналда.",
    );
    // A child the name replica does not know yet: "your child", never an id.
    expect(by.get(f.guardians.ru)!.body).toBe(
      "Новое домашнее задание по предмету «Родной язык» для вашего ребёнка, срок сдачи 23 ноября 2026 г. Текст задания — в электронном журнале.",
    );
  });

  it("a term mark: the term by name in each language; none while the student's marks are blocked", async () => {
    const event = await publish("journal.term-mark.set", {
      gradeId: randomUUID(),
      studentId: f.students[1],
      subjectId: randomUUID(),
      classId: randomUUID(),
      kind: "QUARTER",
      value: 5,
      term: 2,
    });
    expect((await noticesOf(event.id)).map((n) => [n.kind, n.title, n.body])).toEqual([
      ["TERM_MARK", "2-chorak bahosi: 5", "Farzandingiz Karimova Zarina Shavkat qizi uchun 2-chorak bahosi qo‘yildi: 5."],
    ]);
    // As the journal publishes them: a half-year of grade 10-11 is kind QUARTER with termKind HALF_YEAR; the year is YEAR.
    const half = await publish("journal.term-mark.set", {
      gradeId: randomUUID(),
      studentId: f.students[2],
      kind: "QUARTER",
      termKind: "HALF_YEAR",
      term: 1,
      value: 5,
      date: "2026-12-26",
    });
    expect((await noticesOf(half.id)).map((n) => n.title)).toEqual(["Оценка за 1-е полугодие: 5"]);
    const annual = await publish("journal.term-mark.set", {
      gradeId: randomUUID(),
      studentId: f.students[2],
      kind: "ANNUAL",
      termKind: "YEAR",
      value: 4,
      term: null,
    });
    expect((await noticesOf(annual.id)).map((n) => n.title)).toEqual(["Оценка за год: 4"]);

    await orm.em.fork().insert(BlockedField, { subjectId: f.students[0], field: "User.grades", blockedAt: new Date() });
    const blocked = await publish("journal.term-mark.set", {
      gradeId: randomUUID(),
      studentId: f.students[0],
      kind: "QUARTER",
      value: 3,
      term: 2,
    });
    expect(await noticesOf(blocked.id)).toEqual([]);
  });

  it("a teacher's message: the words as written under a title naming the topic", async () => {
    const event = await publish("journal.message.sent", {
      messageId: randomUUID(),
      studentId: f.students[2],
      classId: randomUUID(),
      senderId: randomUUID(),
      topic: "MEETING",
      text: "Juma kuni soat 17:00 da ota-onalar yig‘ilishi bo‘ladi.",
    });
    expect((await noticesOf(event.id)).map((n) => [n.recipientId, n.kind, n.title, n.body])).toEqual([
      [
        f.guardians.ru,
        "MESSAGE",
        "Сообщение от учителя: встреча",
        "О вашем ребёнке: Juma kuni soat 17:00 da ota-onalar yig‘ilishi bo‘ladi.",
      ],
    ]);
    const odd = await publish("journal.message.sent", {
      messageId: randomUUID(),
      studentId: f.students[2],
      topic: "GOSSIP",
      text: "Salom",
    });
    expect((await noticesOf(odd.id)).map((n) => n.title)).toEqual(["Сообщение от учителя"]);
  });

  it("payloads it does not understand write nothing", async () => {
    const bad = [
      await publish("journal.homework.set", { dueOn: "next week", studentIds: f.students }),
      await publish("journal.homework.set", { dueOn: "2026-11-23", studentIds: "all" }),
      await publish("journal.term-mark.set", { studentId: f.students[2], kind: "QUARTER", value: 7, term: 2 }),
      await publish("journal.message.sent", { studentId: f.students[2], topic: "OTHER", text: "   " }),
    ];
    for (const event of bad) expect(await noticesOf(event.id)).toEqual([]);
  });
});

describe("quiet hours, urgency and the digest", () => {
  let f: Family;
  beforeAll(async () => {
    f = await family();
  });
  const grade = (studentId: string) =>
    publish("journal.grade.recorded", { gradeId: randomUUID(), studentId, kind: "CURRENT", value: 4, date: "2026-11-20" });
  const absence = (studentId: string, status: string) =>
    publish("journal.attendance.recorded", { markId: randomUUID(), studentId, status, date: "2026-11-20" });

  it("at 23:30 a mark and an excused absence wait until 07:00; an unexcused absence goes at once", async () => {
    clock = tashkent("2026-11-20T23:30:00");
    const [mark] = await noticesOf((await grade(f.students[2]!)).id);
    expect(mark!.deliverAfter).toEqual(tashkent("2026-11-21T07:00:00"));
    expect(mark!.createdAt).toEqual(clock);
    const [excused] = await noticesOf((await absence(f.students[2]!, "ABSENT_EXCUSED")).id);
    expect(excused!.deliverAfter).toEqual(tashkent("2026-11-21T07:00:00"));
    const [unexcused] = await noticesOf((await absence(f.students[2]!, "ABSENT_UNEXCUSED")).id);
    expect(unexcused!.deliverAfter).toEqual(clock);
  });

  it("a guardian who chose the digest: non-urgent notices wait for it and become one DIGEST notice at 19:00", async () => {
    await orm.em.fork().transactional((em) => applyNoticePreferences(em, f.guardians.ru, { digest: true }));
    clock = tashkent("2026-11-20T10:15:00");
    const first = await grade(f.students[2]!);
    clock = tashkent("2026-11-20T12:40:00");
    const second = await absence(f.students[2]!, "LATE");
    const urgent = await absence(f.students[2]!, "ABSENT_UNEXCUSED");
    const waiting = [...(await noticesOf(first.id)), ...(await noticesOf(second.id))].filter((n) => n.recipientId === f.guardians.ru);
    expect(waiting.map((n) => [n.inDigest, n.deliverAfter])).toEqual([
      [true, tashkent("2026-11-20T19:00:00")],
      [true, tashkent("2026-11-20T19:00:00")],
    ]);
    expect((await noticesOf(urgent.id)).map((n) => n.inDigest)).toEqual([false]);

    clock = tashkent("2026-11-20T18:59:00");
    expect(await composeDigests(orm.em, pipeline)).toBe(0);
    clock = tashkent("2026-11-20T19:00:00");
    const hooksBefore = hooked.length;
    expect(await composeDigests(orm.em, pipeline)).toBe(1);
    expect(await composeDigests(orm.em, pipeline)).toBe(0);

    const digests = await orm.em.fork().find(Notification, { recipientId: f.guardians.ru, kind: "DIGEST" });
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      title: "Уведомления за день (20 ноября 2026 г.): 2",
      body: "Ваш ребёнок:\n– Новая оценка 4\n– Опоздание на урок (20 ноября 2026 г.)",
      deliverAfter: clock,
      inDigest: false,
      studentId: null,
    });
    const carried = await orm.em.fork().find(Notification, { id: { $in: waiting.map((n) => n.id) } });
    expect(carried.map((n) => n.digestedInto)).toEqual([digests[0]!.id, digests[0]!.id]);
    // The digest is announced to delivery like any notice.
    expect(hooked.slice(hooksBefore)).toEqual([[digests[0]!.id]]);
  });
});

describe("the notice-created hook", () => {
  let f: Family;
  beforeAll(async () => {
    f = await family();
  });

  it("runs once per event with the new notices, in their transaction; a redelivery calls it no more", async () => {
    const before = hooked.length;
    const event = await publish("journal.grade.recorded", { studentId: f.students[0], kind: "CURRENT", value: 5, date: "2026-11-20" });
    const notices = await noticesOf(event.id);
    expect(notices).toHaveLength(2);
    expect(hooked.slice(before).map((ids) => [...ids].sort())).toEqual([notices.map((n) => n.id).sort()]);
    expect(await orm.em.fork().count(ProcessedEvent, { consumer: "delivery-test", eventId: { $in: notices.map((n) => n.id) } })).toBe(
      notices.length,
    );

    await bus.publish(event);
    expect(hooked.length).toBe(before + 1);
    expect(await noticesOf(event.id)).toHaveLength(notices.length);
  });

  it("a hook that fails takes the notices with it; the redelivered event writes them once it succeeds", async () => {
    hookFails = true;
    const event: EventEnvelope = {
      id: randomUUID(),
      topic: "journal.grade.recorded",
      source: "journal",
      occurredAt: clock.toISOString(),
      payload: { studentId: f.students[2], kind: "CURRENT", value: 3, date: "2026-11-20" },
    };
    await expect(bus.publish(event)).rejects.toThrow(/delivery table unavailable/);
    expect(await noticesOf(event.id)).toEqual([]);
    hookFails = false;
    await bus.publish(event);
    const notices = await noticesOf(event.id);
    expect(notices.map((n) => n.recipientId)).toEqual([f.guardians.ru]);
    expect(await orm.em.fork().count(ProcessedEvent, { consumer: "delivery-test", eventId: notices[0]!.id })).toBe(1);
  });
});
