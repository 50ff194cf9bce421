/**
 * Delivery through provider adapters, against a real local HTTP server as every provider: a delivery that
 * succeeds, one whose provider fails and recovers (retried with backoff, the same idempotency key each time),
 * one whose provider stays down (dead-lettered after the configured attempts and shown to the operator), and
 * two workers side by side never sending one delivery twice.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../shared/config.js";
import type { EventEnvelope } from "../../../shared/events/bus.js";
import { claim, findDue } from "../../../subgraphs/notifications/delivery/claim.js";
import { planDeliveries } from "../../../subgraphs/notifications/delivery/plan.js";
import { DeliveryWorker } from "../../../subgraphs/notifications/delivery/worker.js";
import {
  Contact,
  Delivery,
  GuardianLink,
  Notification,
  NotificationPreference,
  type NoticeChannel,
} from "../../../subgraphs/notifications/entities/index.js";
import { notificationsPrivacy } from "../../../subgraphs/notifications/privacy/index.js";
import { notificationsSubgraph } from "../../../subgraphs/notifications/server.js";
import { providerEnv, startFakeProvider, type FakeProvider } from "../../fixtures/fake-provider.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { NOTICE_DELIVERIES, RETRY_NOTICE_DELIVERY, USER_NOTICE_DELIVERIES } from "../../graphql/notifications.js";
import { codes, gql } from "../../support/client.js";
import { pinClock, unpinToday } from "../../support/clock.js";

let provider: FakeProvider;
let h: SubgraphHarness;
let worker: DeliveryWorker;
const logged: string[] = [];
const PHONE = "+998907654321";
const EMAIL = "ota-ona@pochta.example";
const CHAT = "5550001";

beforeAll(async () => {
  // Midday in Tashkent: the default quiet hours (22:00–07:00) would hold every delivery back at night.
  pinClock("2026-11-23T07:00:00Z");
  provider = await startFakeProvider();
  const env = providerEnv(provider);
  h = await startSubgraphHarness(notificationsSubgraph, { env });
  worker = new DeliveryWorker(h.orm, loadConfig(env).delivery, { log: (m) => logged.push(m) });
});
afterAll(async () => {
  unpinToday();
  await worker.stop();
  await h.close();
  await provider.close();
});

/** A parent of a new child, reachable on every channel, who chose `channels` for grades. */
async function family(channels: NoticeChannel[]): Promise<{ parent: string; child: string }> {
  const parent = randomUUID();
  const child = randomUUID();
  const em = h.orm.em.fork();
  em.persist(em.create(GuardianLink, { id: randomUUID(), studentId: child, guardianId: parent, locale: "UZ_LATN" }));
  em.persist(em.create(Contact, { recipientId: parent, phone: PHONE, email: EMAIL }));
  em.persist(em.create(NotificationPreference, { recipientId: parent, channels: { GRADE: channels }, telegramChatId: CHAT }));
  await em.flush();
  return { parent, child };
}

/** A grade event as the journal's relay would publish it; resolves once notices and deliveries are committed. */
async function grade(child: string): Promise<string> {
  const event: EventEnvelope = {
    id: randomUUID(),
    topic: "journal.grade.recorded",
    source: "journal",
    occurredAt: new Date().toISOString(),
    payload: { gradeId: randomUUID(), studentId: child, kind: "CURRENT", value: 5, date: "2026-11-20" },
  };
  await h.bus.publish(event);
  return (await h.orm.em.fork().findOneOrFail(Notification, { sourceEventId: event.id })).id;
}

const deliveriesOf = (noticeId: string) =>
  h.orm.em.fork().find(Delivery, { noticeId }, { orderBy: { channel: "asc" }, disableIdentityMap: true });
const one = async (noticeId: string, channel: NoticeChannel) =>
  h.orm.em.fork().findOneOrFail(Delivery, { noticeId, channel }, { disableIdentityMap: true });
const requestsFor = (noticeId: string, channel: string) =>
  provider.received.filter((r) => r.idempotencyKey === `notice-${noticeId}-${channel.toLowerCase()}`);

/** Runs the worker until `done` holds; the deadline only stops a broken test from hanging. */
async function workUntil(done: () => Promise<boolean>, seen: (d: Delivery) => void = () => undefined, noticeId?: string) {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("deliveries did not settle");
    await worker.runOnce();
    if (noticeId) for (const d of await deliveriesOf(noticeId)) seen(d);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const dpo = () => h.tokenFor(claims(randomUUID(), "DATA_PROTECTION_OFFICER"));

describe("a healthy provider", () => {
  it("sends a notice through SMS, Telegram and e-mail once each, with the idempotency key and the channel's token", async () => {
    const { parent } = await family(["SMS", "TELEGRAM", "EMAIL"]);
    const noticeId = await grade((await h.orm.em.fork().findOneOrFail(GuardianLink, { guardianId: parent })).studentId);
    const notice = await h.orm.em.fork().findOneOrFail(Notification, noticeId);
    expect((await deliveriesOf(noticeId)).map((d) => [d.channel, d.status])).toEqual([
      ["EMAIL", "PENDING"],
      ["SMS", "PENDING"],
      ["TELEGRAM", "PENDING"],
    ]);

    await worker.runOnce();

    const sent = await deliveriesOf(noticeId);
    expect(sent.map((d) => [d.channel, d.status, d.attempts, d.lastError ?? null])).toEqual([
      ["EMAIL", "SENT", 1, null],
      ["SMS", "SENT", 1, null],
      ["TELEGRAM", "SENT", 1, null],
    ]);
    expect(sent.every((d) => d.sentAt instanceof Date && d.nextAttemptAt == null)).toBe(true);
    const [sms] = requestsFor(noticeId, "SMS");
    const [telegram] = requestsFor(noticeId, "TELEGRAM");
    const [email] = requestsFor(noticeId, "EMAIL");
    expect(sms).toMatchObject({
      channel: "sms",
      authorization: "Bearer sms-secret",
      body: { channel: "SMS", to: PHONE, text: notice.body },
    });
    expect(telegram).toMatchObject({
      channel: "telegram",
      authorization: undefined,
      body: { to: CHAT, text: `${notice.title}\n\n${notice.body}` },
    });
    expect(email).toMatchObject({ channel: "email", body: { to: EMAIL, subject: notice.title, text: notice.body } });
    expect(sms!.body.reference).toBe(sms!.idempotencyKey);

    // Nothing is due any more: another pass sends nothing.
    const before = provider.received.length;
    await worker.runOnce();
    expect(provider.received.length).toBe(before);
  });
});

describe("a provider that fails and recovers", () => {
  it("retries with growing waits after a timeout and a 503, then sends, with the same key every time", async () => {
    const { child } = await family(["SMS"]);
    provider.script("sms", "hang", 503, "ok");
    const noticeId = await grade(child);
    const states: Array<[string, number, string | null]> = [];
    const seen = (d: Delivery) => {
      const last = states.at(-1);
      if (!last || last[0] !== d.status || last[1] !== d.attempts) states.push([d.status, d.attempts, d.lastError ?? null]);
      if (d.status === "FAILED_RETRYING") expect(d.nextAttemptAt!.getTime()).toBeGreaterThan(d.lastAttemptAt!.getTime());
    };
    await workUntil(async () => (await one(noticeId, "SMS")).status === "SENT", seen, noticeId);
    provider.script("sms", "ok");

    expect(states).toEqual([
      ["FAILED_RETRYING", 1, "timeout after 1500 ms"],
      ["FAILED_RETRYING", 2, "HTTP 503"],
      ["SENT", 3, null],
    ]);
    const calls = requestsFor(noticeId, "SMS");
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([`notice-${noticeId}-sms`]));
  });
});

describe("a provider that stays down", () => {
  it("dead-letters the delivery after the configured attempts, keeping no address from the provider's answer", async () => {
    const { child } = await family(["EMAIL"]);
    provider.script("email", 500);
    const noticeId = await grade(child);
    await workUntil(async () => (await one(noticeId, "EMAIL")).status === "DEAD");
    provider.script("email", "ok");

    const dead = await one(noticeId, "EMAIL");
    expect(dead).toMatchObject({ attempts: 3, lastError: "HTTP 500; gave up after 3 attempts", nextAttemptAt: null, sentAt: null });
    expect(requestsFor(noticeId, "EMAIL")).toHaveLength(3);
    expect(JSON.stringify(dead)).not.toContain(EMAIL);
    expect(logged.some((m) => m.includes(dead.id) && m.includes("dead"))).toBe(true);
    expect(logged.join("\n")).not.toContain(EMAIL);
  });

  it("gives up at once on a refusal that no retry can change", async () => {
    const { child } = await family(["SMS"]);
    provider.script("sms", 400);
    const noticeId = await grade(child);
    await worker.runOnce();
    provider.script("sms", "ok");
    expect(await one(noticeId, "SMS")).toMatchObject({ status: "DEAD", attempts: 1, lastError: "HTTP 400 (refused by the provider)" });
    expect(JSON.stringify(await one(noticeId, "SMS"))).not.toContain(PHONE);
  });

  it("shows the dead letter to the operator (the data protection officer) without address, text or recipient, and only to them", async () => {
    const res = await gql(h.url, NOTICE_DELIVERIES, { status: "DEAD", channel: "EMAIL" }, { token: await dpo() });
    expect(res.errors).toBeUndefined();
    const rows = res.data.noticeDeliveries;
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatchObject({
      kind: "GRADE",
      channel: "EMAIL",
      status: "DEAD",
      attempts: 3,
      lastError: "HTTP 500; gave up after 3 attempts",
    });
    expect(Object.keys(rows[0]).sort()).toEqual(
      [
        "attempts",
        "channel",
        "createdAt",
        "id",
        "kind",
        "lastAttemptAt",
        "lastError",
        "nextAttemptAt",
        "noticeId",
        "sentAt",
        "status",
      ].sort(),
    );
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${EMAIL}|${PHONE.replace("+", "\\+")}|baho`));

    for (const role of ["PARENT", "SCHOOL_ADMIN", "TEACHER"] as const) {
      const token = await h.tokenFor(claims(randomUUID(), role));
      expect(codes(await gql(h.url, NOTICE_DELIVERIES, {}, { token }))).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await gql(h.url, NOTICE_DELIVERIES, { first: 500 }, { token: await dpo() }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("lets the operator put a dead letter back in the queue, and it then goes out under the same key", async () => {
    const [dead] = (await gql(h.url, NOTICE_DELIVERIES, { status: "DEAD", channel: "EMAIL" }, { token: await dpo() })).data
      .noticeDeliveries;
    const retried = await gql(h.url, RETRY_NOTICE_DELIVERY, { id: dead.id }, { token: await dpo() });
    expect(retried.data.retryNoticeDelivery).toMatchObject({ id: dead.id, status: "PENDING", attempts: 0 });
    expect(codes(await gql(h.url, RETRY_NOTICE_DELIVERY, { id: dead.id }, { token: await dpo() }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(h.url, RETRY_NOTICE_DELIVERY, { id: randomUUID() }, { token: await dpo() }))).toEqual(["NOT_FOUND"]);

    await worker.runOnce();
    expect(await one(dead.noticeId, "EMAIL")).toMatchObject({ status: "SENT", attempts: 1 });
    const keys = requestsFor(dead.noticeId, "EMAIL").map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
  });
});

describe("two workers at once", () => {
  it("claim each delivery once when both read the same due rows", async () => {
    const { child } = await family(["SMS"]);
    for (let i = 0; i < 4; i++) await grade(child);
    const now = new Date();
    const due = await findDue(h.orm.em.fork(), ["SMS"], now, 100);
    expect(due.length).toBeGreaterThanOrEqual(4);
    const [a, b] = await Promise.all([claim(h.orm.em.fork(), due, now, 60_000), claim(h.orm.em.fork(), due, now, 60_000)]);
    const won = [...a, ...b].map((d) => d.id).sort();
    expect(won).toEqual([...due].sort());
    expect([...a, ...b].every((d) => d.attempts === 1)).toBe(true);
    // Released again for the test that follows (the lease would otherwise hold them a minute).
    await h.orm.em.fork().nativeUpdate(Delivery, { id: { $in: due } }, { nextAttemptAt: now, claimToken: null, attempts: 0 });
  });

  it("never send the same delivery twice", async () => {
    const { child } = await family(["SMS", "TELEGRAM"]);
    const noticeIds: string[] = [];
    for (let i = 0; i < 8; i++) noticeIds.push(await grade(child));
    // A generous timeout: a slow first call on a busy machine would be a (legitimate) second attempt here.
    const env = { ...providerEnv(provider), DELIVERY_BATCH_SIZE: "3", DELIVERY_TIMEOUT_MS: "10000" };
    const a = new DeliveryWorker(h.orm, loadConfig(env).delivery, { log: (m) => logged.push(m) });
    const b = new DeliveryWorker(h.orm, loadConfig(env).delivery, { log: (m) => logged.push(m) });
    provider.latencyMs = 10;
    try {
      await Promise.all([a.runOnce(), b.runOnce(), a.pass(), b.pass()]);
      await Promise.all([a.runOnce(), b.runOnce()]);
    } finally {
      provider.latencyMs = 0;
    }
    for (const noticeId of noticeIds) {
      expect((await deliveriesOf(noticeId)).map((d) => [d.status, d.attempts])).toEqual([
        ["SENT", 1],
        ["SENT", 1],
      ]);
      expect(requestsFor(noticeId, "SMS")).toHaveLength(1);
      expect(requestsFor(noticeId, "TELEGRAM")).toHaveLength(1);
    }
  });
});

describe("what a worker will not send", () => {
  it("waits for a notice's deliverAfter (quiet hours)", async () => {
    const { parent, child } = await family(["SMS"]);
    const later = new Date(Date.now() + 3_600_000);
    const em = h.orm.em.fork();
    const notice = em.create(Notification, {
      id: randomUUID(),
      recipientId: parent,
      studentId: child,
      kind: "GRADE",
      title: "t",
      body: "b",
      sourceEventId: randomUUID(),
    });
    em.persist(notice);
    await planDeliveries(em, { ...notice, deliverAfter: later }, ["SMS"]);
    await em.flush();
    await worker.runOnce();
    expect(await one(notice.id, "SMS")).toMatchObject({ status: "PENDING", attempts: 0, nextAttemptAt: later });
    expect(requestsFor(notice.id, "SMS")).toHaveLength(0);
  });

  it("cancels a delivery whose recipient withdrew consent to notices before it went out", async () => {
    const { parent, child } = await family(["SMS"]);
    const noticeId = await grade(child);
    await h.orm.em.fork().nativeUpdate(GuardianLink, { guardianId: parent }, { notify: false });
    await worker.runOnce();
    expect(await one(noticeId, "SMS")).toMatchObject({
      status: "CANCELLED",
      attempts: 0,
      lastError: "consent to notices withdrawn or guardianship ended",
    });
    expect(requestsFor(noticeId, "SMS")).toHaveLength(0);
  });

  it("dead-letters a delivery whose address is gone, naming what is missing", async () => {
    const { parent, child } = await family(["SMS"]);
    const noticeId = await grade(child);
    await h.orm.em.fork().nativeUpdate(Contact, { recipientId: parent }, { phone: null });
    await worker.runOnce();
    expect(await one(noticeId, "SMS")).toMatchObject({
      status: "DEAD",
      attempts: 0,
      lastError: "no address: a phone number is not on file",
    });
  });
});

describe("the recipient's view and erasure", () => {
  it("shows a notice's deliveries to its recipient only", async () => {
    const { parent, child } = await family(["SMS"]);
    await grade(child);
    await worker.runOnce();
    const mine = await gql(
      h.url,
      USER_NOTICE_DELIVERIES,
      { r: [{ __typename: "User", id: parent }] },
      { token: await h.tokenFor(claims(parent, "PARENT", { children: [child] })) },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data._entities[0].notifications[0].deliveries).toEqual([{ channel: "SMS", status: "SENT", attempts: 1 }]);
    const other = await gql(
      h.url,
      USER_NOTICE_DELIVERIES,
      { r: [{ __typename: "User", id: parent }] },
      { token: await h.tokenFor(claims(randomUUID(), "PARENT", { children: [child] })) },
    );
    expect(codes(other)).toEqual(["PERSONAL_DATA_WITHHELD"]);
  });

  it("erasing a parent deletes their deliveries and preferences with their notices", async () => {
    const { parent, child } = await family(["SMS"]);
    await grade(child);
    const counts = await h.orm.em.fork().transactional((em) => notificationsPrivacy.anonymise(em, parent));
    expect(counts).toMatchObject({ notifications: 1, deliveries: 1, notification_preferences: 1, contacts: 1 });
    expect(await h.orm.em.fork().count(Delivery, { recipientId: parent })).toBe(0);
  });
});
