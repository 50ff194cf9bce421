/**
 * The users subgraph's data-request events at the notifications subgraph: a rectified contact field
 * replaces the value in the contact replica, and a correction becomes one DATA_CORRECTION notice per earlier
 * recipient, in the recipient's language, naming the fields but no value, exactly once. A block of a
 * student's marks keeps them out of parents' notices too.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessBus, type EventEnvelope } from "../../../shared/events/bus.js";
import { BlockedField } from "../../../shared/privacy/blocked-field.entity.js";
import { Contact, GuardianLink, Notification } from "../../../subgraphs/notifications/entities/index.js";
import { notificationsSubgraph } from "../../../subgraphs/notifications/server.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { USER_NOTIFICATIONS } from "../../graphql/notifications.js";
import { gql } from "../../support/client.js";

let bus: InProcessBus;
let h: SubgraphHarness;

beforeAll(async () => {
  bus = new InProcessBus();
  h = await startSubgraphHarness(notificationsSubgraph, { bus });
});
afterAll(async () => {
  await h.close();
  await bus.close();
});

const envelope = (topic: string, payload: Record<string, unknown>): EventEnvelope => ({
  id: randomUUID(),
  topic,
  source: "users",
  occurredAt: new Date().toISOString(),
  payload,
});

describe("users.profile.rectified", () => {
  it("replaces the phone in the contact replica and leaves the rest", async () => {
    const subjectId = randomUUID();
    await h.orm.em.fork().insert(Contact, { recipientId: subjectId, phone: "+998901111111", email: "old@pochta.example", locale: "RU" });
    const event = envelope("users.profile.rectified", { subjectId, fields: { "User.phone": "+998905551234" } });
    await bus.publish(event);
    await bus.publish(event);
    const contact = await h.orm.em.fork().findOneOrFail(Contact, { recipientId: subjectId });
    expect(contact).toMatchObject({ phone: "+998905551234", email: "old@pochta.example", locale: "RU" });
  });
});

describe("users.data.corrected", () => {
  it("writes one notice per recipient in their language, without the value, once however often delivered", async () => {
    const subjectId = randomUUID();
    const [ru, latn, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    const em = h.orm.em.fork();
    await em.insert(Contact, { recipientId: ru, locale: "RU" });
    await em.insert(Contact, { recipientId: latn, locale: "UZ_LATN" });
    const event = envelope("users.data.corrected", {
      subjectId,
      dataRequestId: randomUUID(),
      recipients: [
        { recipientId: ru, fields: ["User.phone"] },
        { recipientId: latn, fields: ["User.phone", "User.email"] },
        { recipientId: unknown, fields: ["User.birthDate"] },
      ],
    });
    await bus.publish(event);
    await bus.publish(event);

    const notices = await h.orm.em.fork().find(Notification, { sourceEventId: event.id });
    expect(notices).toHaveLength(3);
    const of = (id: string) => notices.find((n) => n.recipientId === id)!;
    expect(of(ru)).toMatchObject({ kind: "DATA_CORRECTION", studentId: subjectId });
    expect(of(ru).body).toContain("номер телефона");
    expect(of(latn).body).toContain("telefon raqami, elektron pochta manzili");
    // No contact row: the default language.
    expect(of(unknown).body).toContain("tug‘ilgan sana");

    // The recipient reads it; nobody else does.
    const mine = await gql(
      h.url,
      USER_NOTIFICATIONS,
      { r: [{ __typename: "User", id: ru }] },
      { token: await h.tokenFor(claims(ru, "TEACHER")) },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data._entities[0].notifications).toEqual([
      expect.objectContaining({ kind: "DATA_CORRECTION", student: { id: subjectId }, title: "Персональные данные исправлены" }),
    ]);
  });

  it("ignores a payload it does not understand", async () => {
    const event = envelope("users.data.corrected", { subjectId: randomUUID(), recipients: [{ recipientId: 7, fields: "User.phone" }] });
    await expect(bus.publish(event)).resolves.toBeUndefined();
    expect(await h.orm.em.fork().count(Notification, { sourceEventId: event.id })).toBe(0);
  });
});

describe("users.data.blocked at the notice pipeline", () => {
  it("a student whose grades are blocked: the parent is not told the grade; an unblocked classmate's parent is", async () => {
    const [blocked, free] = [randomUUID(), randomUUID()];
    const em = h.orm.em.fork();
    for (const studentId of [blocked, free]) {
      await em.insert(GuardianLink, { id: randomUUID(), studentId, guardianId: randomUUID(), locale: "EN", notify: true });
    }
    await bus.publish(envelope("users.data.blocked", { subjectId: blocked, fields: ["User.grades"], blocked: true }));
    expect(await h.orm.em.fork().count(BlockedField, { subjectId: blocked })).toBe(1);

    const grade = (studentId: string) =>
      envelope("journal.grade.recorded", { studentId, date: "2026-11-16", kind: "CURRENT", value: 5, subjectId: randomUUID() });
    await bus.publish(grade(blocked));
    await bus.publish(grade(free));
    expect(await h.orm.em.fork().count(Notification, { studentId: blocked })).toBe(0);
    expect(await h.orm.em.fork().count(Notification, { studentId: free })).toBe(1);
    // An absence is another category: the block of the grades does not hold it back.
    await bus.publish(envelope("journal.attendance.recorded", { studentId: blocked, date: "2026-11-16", status: "ABSENT_UNEXCUSED" }));
    expect(await h.orm.em.fork().count(Notification, { studentId: blocked, kind: "ABSENCE" })).toBe(1);
  });
});
