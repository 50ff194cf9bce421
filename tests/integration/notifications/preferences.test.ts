/**
 * A parent's notice preferences: channels per kind, digest and language, checked before they are saved,
 * and honoured when a journal event becomes a notice (which deliveries it plans, in which language).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../shared/config.js";
import type { EventEnvelope } from "../../../shared/events/bus.js";
import { enabledChannels } from "../../../subgraphs/notifications/delivery/settings.js";
import { planDeliveriesOnCreated } from "../../../subgraphs/notifications/delivery/notice-hook.js";
import { DeliveryWorker } from "../../../subgraphs/notifications/delivery/worker.js";
import { composeDigests } from "../../../subgraphs/notifications/notices/digest.js";
import { noticePipeline } from "../../../subgraphs/notifications/notices/pipeline.js";
import { Contact, Delivery, GuardianLink, Notification, NotificationPreference } from "../../../subgraphs/notifications/entities/index.js";
import { notificationsSubgraph } from "../../../subgraphs/notifications/server.js";
import { startFakeProvider, providerEnv, type FakeProvider } from "../../fixtures/fake-provider.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { MY_NOTIFICATION_PREFERENCES, SET_NOTIFICATION_PREFERENCES } from "../../graphql/notifications.js";
import { codes, gql } from "../../support/client.js";

let provider: FakeProvider;
let h: SubgraphHarness;
/** The same subgraph with only SMS switched on (no Telegram or e-mail provider configured). */
let smsOnly: SubgraphHarness;
const parent = randomUUID();
const child = randomUUID();
const PHONE = "+998901112233";

async function seed(harness: SubgraphHarness): Promise<void> {
  const em = harness.orm.em.fork();
  em.persist(em.create(GuardianLink, { id: randomUUID(), studentId: child, guardianId: parent, locale: "UZ_LATN" }));
  // A phone on file, no e-mail.
  em.persist(em.create(Contact, { recipientId: parent, phone: PHONE, locale: "UZ_LATN" }));
  await em.flush();
}

beforeAll(async () => {
  provider = await startFakeProvider();
  h = await startSubgraphHarness(notificationsSubgraph, { env: providerEnv(provider) });
  smsOnly = await startSubgraphHarness(notificationsSubgraph, {
    env: { ...providerEnv(provider), TELEGRAM_PROVIDER_URL: "", EMAIL_PROVIDER_URL: "" },
  });
  await seed(h);
  await seed(smsOnly);
});
afterAll(async () => {
  await h.close();
  await smsOnly.close();
  await provider.close();
});

const asParent = (harness: SubgraphHarness) => harness.tokenFor(claims(parent, "PARENT", { children: [child] }));
const read = async (harness = h) => gql(harness.url, MY_NOTIFICATION_PREFERENCES, {}, { token: await asParent(harness) });
const set = async (input: Record<string, unknown>, harness = h) =>
  gql(harness.url, SET_NOTIFICATION_PREFERENCES, { input }, { token: await asParent(harness) });
const channelsOf = (prefs: any, kind: string): string[] => prefs.channels.find((c: any) => c.kind === kind).channels;

/** What the journal's relay would publish. */
const gradeEvent = (value = 5): EventEnvelope => ({
  id: randomUUID(),
  topic: "journal.grade.recorded",
  source: "journal",
  occurredAt: new Date().toISOString(),
  payload: { gradeId: randomUUID(), studentId: child, kind: "CURRENT", value, date: "2026-11-20" },
});
const absenceEvent = (): EventEnvelope => ({
  id: randomUUID(),
  topic: "journal.attendance.recorded",
  source: "journal",
  occurredAt: new Date().toISOString(),
  payload: { markId: randomUUID(), studentId: child, status: "ABSENT_UNEXCUSED", date: "2026-11-20" },
});

/** The notice an event created for the parent, and the channels of its deliveries. */
async function noticeOf(harness: SubgraphHarness, event: EventEnvelope) {
  await harness.bus.publish(event);
  const em = harness.orm.em.fork();
  const notice = await em.findOneOrFail(Notification, { sourceEventId: event.id, recipientId: parent });
  const deliveries = await em.find(Delivery, { noticeId: notice.id }, { orderBy: { channel: "asc" } });
  return { notice, channels: deliveries.map((d) => d.channel), deliveries };
}

describe("myNotificationPreferences", () => {
  it("starts in-app only, no digest, the profile's language, offering the channels the parent can be reached on", async () => {
    const res = await read();
    expect(res.errors).toBeUndefined();
    const prefs = res.data.myNotificationPreferences;
    expect(prefs.channels.map((c: any) => c.kind)).toEqual([
      "GRADE",
      "ABSENCE",
      "LATE",
      "HOMEWORK",
      "TERM_MARK",
      "MESSAGE",
      "DATA_CORRECTION",
    ]);
    expect(prefs.channels.every((c: any) => c.channels.length === 0)).toBe(true);
    expect(prefs).toMatchObject({ digest: false, locale: null, telegramChatId: null, availableChannels: ["SMS"] });
  });

  it("is a parent's own: another role is refused, no token is unauthenticated", async () => {
    const teacher = await h.tokenFor(claims(randomUUID(), "TEACHER"));
    expect(codes(await gql(h.url, MY_NOTIFICATION_PREFERENCES, {}, { token: teacher }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(h.url, SET_NOTIFICATION_PREFERENCES, { input: { digest: true } }, { token: teacher }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(h.url, MY_NOTIFICATION_PREFERENCES))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("setNotificationPreferences validation", () => {
  it("refuses an unknown kind or channel", async () => {
    expect(codes(await set({ channels: [{ kind: "HOLIDAY", channels: ["SMS"] }] }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await set({ channels: [{ kind: "GRADE", channels: ["PIGEON"] }] }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await set({ channels: [{ kind: "GRADE", channels: ["IN_APP"] }] }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses a channel without an address on file, saying what is missing and never a value", async () => {
    const email = await set({ channels: [{ kind: "GRADE", channels: ["SMS", "EMAIL"] }] });
    expect(email.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.channels[0].channels" });
    expect(email.errors![0]!.extensions!.detail).toMatch(/EMAIL needs an e-mail address/);
    const telegram = await set({ channels: [{ kind: "MESSAGE", channels: ["TELEGRAM"] }] });
    expect(telegram.errors![0]!.extensions!.detail).toMatch(/TELEGRAM needs a linked Telegram chat/);
    expect(await h.orm.em.fork().count(NotificationPreference, { recipientId: parent })).toBe(0);
  });

  it("refuses a kind listed twice and a chat id that is not a number", async () => {
    const twice = await set({
      channels: [
        { kind: "GRADE", channels: ["SMS"] },
        { kind: "GRADE", channels: [] },
      ],
    });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.channels[1].kind" });
    const chat = await set({ telegramChatId: "@my_channel" });
    expect(chat.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.telegramChatId" });
  });

  it("refuses a channel this installation does not offer", async () => {
    const res = await set({ telegramChatId: "123456789", channels: [{ kind: "GRADE", channels: ["TELEGRAM"] }] }, smsOnly);
    expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.channels[0].channels" });
    expect(res.errors![0]!.extensions!.detail).toMatch(/TELEGRAM is not offered here/);
  });
});

describe("preferences honoured by new notices", () => {
  it("SMS for absences only: a grade notice plans no delivery, an absence one SMS", async () => {
    const res = await set({ channels: [{ kind: "ABSENCE", channels: ["SMS"] }], digest: true });
    expect(res.errors).toBeUndefined();
    expect(channelsOf(res.data.setNotificationPreferences, "ABSENCE")).toEqual(["SMS"]);
    expect(channelsOf(res.data.setNotificationPreferences, "GRADE")).toEqual([]);
    expect(res.data.setNotificationPreferences.digest).toBe(true);
    expect((await read()).data.myNotificationPreferences).toEqual(res.data.setNotificationPreferences);

    expect((await noticeOf(h, gradeEvent())).channels).toEqual([]);
    const absence = await noticeOf(h, absenceEvent());
    expect(absence.channels).toEqual(["SMS"]);
    expect(absence.deliveries[0]).toMatchObject({ status: "PENDING", attempts: 0, recipientId: parent, kind: "ABSENCE" });
  });

  it("a linked Telegram chat becomes a channel; unlinking it while chosen is refused", async () => {
    const linked = await set({ telegramChatId: " 987654321 ", channels: [{ kind: "GRADE", channels: ["TELEGRAM", "SMS", "SMS"] }] });
    expect(linked.errors).toBeUndefined();
    expect(linked.data.setNotificationPreferences).toMatchObject({ telegramChatId: "987654321", availableChannels: ["SMS", "TELEGRAM"] });
    expect(channelsOf(linked.data.setNotificationPreferences, "GRADE")).toEqual(["TELEGRAM", "SMS"]);
    // The digest chosen above still holds: a grade is not urgent, so it waits for the digest and is not pushed alone.
    const carried = await noticeOf(h, gradeEvent());
    expect(carried.notice.inDigest).toBe(true);
    expect(carried.channels).toEqual([]);
    expect((await set({ digest: false })).data.setNotificationPreferences.digest).toBe(false);
    expect((await noticeOf(h, gradeEvent())).channels).toEqual(["SMS", "TELEGRAM"]);

    const unlink = await set({ telegramChatId: null });
    expect(unlink.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.telegramChatId" });
    expect(unlink.errors![0]!.extensions!.detail).toMatch(/TELEGRAM is still chosen for GRADE/);
  });

  it("a channel the parent turns off plans nothing any more", async () => {
    expect((await set({ channels: [{ kind: "ABSENCE", channels: [] }] })).errors).toBeUndefined();
    expect((await noticeOf(h, absenceEvent())).channels).toEqual([]);
  });

  it("writes notices in the language chosen for them, and in the profile's again once reset", async () => {
    expect((await set({ locale: "RU" })).data.setNotificationPreferences.locale).toBe("RU");
    expect((await noticeOf(h, gradeEvent(4))).notice.title).toBe("Новая оценка 4");
    expect((await set({ locale: null })).data.setNotificationPreferences.locale).toBeNull();
    expect((await noticeOf(h, gradeEvent(3))).notice.title).toBe("Yangi baho 3");
  });

  it("plans no delivery through a channel switched off here, whatever the stored choice says", async () => {
    const em = smsOnly.orm.em.fork();
    em.persist(
      em.create(NotificationPreference, {
        recipientId: parent,
        channels: { GRADE: ["SMS", "TELEGRAM", "EMAIL"] },
        telegramChatId: "42",
      }),
    );
    await em.flush();
    expect((await noticeOf(smsOnly, gradeEvent())).channels).toEqual(["SMS"]);
    expect((await read(smsOnly)).data.myNotificationPreferences.availableChannels).toEqual(["SMS"]);
  });

  it("digest on: notices wait for the DIGEST notice, which goes out through every channel chosen; consent withdrawn cancels it", async () => {
    expect((await set({ digest: true })).errors).toBeUndefined();
    const carried = await noticeOf(h, gradeEvent(2));
    expect([carried.notice.inDigest, carried.channels]).toEqual([true, []]);

    // The server's pipeline with the same hook, on a clock past DIGEST_AT (the digest job's run, by hand).
    const env = providerEnv(provider);
    const pipeline = noticePipeline(loadConfig(env).notices, () => new Date(Date.now() + 2 * 86_400_000));
    pipeline.hooks.onCreated(planDeliveriesOnCreated(enabledChannels(loadConfig(env).delivery)));
    expect(await composeDigests(h.orm.em, pipeline)).toBe(1);
    const em = h.orm.em.fork();
    const digest = await em.findOneOrFail(Notification, { recipientId: parent, kind: "DIGEST" });
    const planned = await em.find(Delivery, { noticeId: digest.id }, { orderBy: { channel: "asc" } });
    expect(planned.map((d) => [d.channel, d.status])).toEqual([
      ["SMS", "PENDING"],
      ["TELEGRAM", "PENDING"],
    ]);

    // Consent withdrawn before it went out (what the consent consumer does to the links): the worker cancels.
    await em.nativeUpdate(GuardianLink, { guardianId: parent }, { notify: false });
    await em.nativeUpdate(Delivery, { noticeId: digest.id }, { nextAttemptAt: new Date(0) });
    await new DeliveryWorker(h.orm, loadConfig(env).delivery, { log: () => undefined }).runOnce();
    const after = await h.orm.em.fork().find(Delivery, { noticeId: digest.id });
    expect(after.map((d) => d.status)).toEqual(["CANCELLED", "CANCELLED"]);
    await em.nativeUpdate(GuardianLink, { guardianId: parent }, { notify: true });
  });
});
