/**
 * The guardian read-model from the users subgraph's events: guardianships linked and unlinked, consent,
 * profile locale and students' names, notice preferences. Events of different topics may arrive in any
 * order (they travel on separate consumers): a link that arrives after a newer consent change, or a stale
 * profile change, must not bring back an old state.
 */
import { randomUUID } from "node:crypto";
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../shared/db/database.js";
import { InProcessBus, type EventEnvelope } from "../../../shared/events/bus.js";
import {
  Guardian,
  GuardianLink,
  Notification,
  StudentName,
  notificationsEntities,
} from "../../../subgraphs/notifications/entities/index.js";
import { registerConsentConsumers } from "../../../subgraphs/notifications/events/consent-consumers.js";
import { registerGuardianConsumers } from "../../../subgraphs/notifications/events/guardian-consumers.js";
import { registerJournalConsumers } from "../../../subgraphs/notifications/events/journal-consumers.js";
import { noticePipeline } from "../../../subgraphs/notifications/notices/pipeline.js";
import { testDatabaseUrl } from "../../support/database.js";

let orm: MikroORM;
let bus: InProcessBus;

beforeAll(async () => {
  orm = await openDatabase({ name: "notifications", entities: notificationsEntities, url: testDatabaseUrl("notifications") });
  bus = new InProcessBus();
  registerGuardianConsumers(orm, bus);
  registerConsentConsumers(orm, bus);
  registerJournalConsumers(orm, bus, noticePipeline({ quietHours: null, digestAt: 19 * 60 }));
});
afterAll(async () => {
  await bus.close();
  await orm.close();
});

const at = (iso: string): Date => new Date(iso);
async function publish(topic: string, payload: Record<string, unknown>, occurredAt = new Date()): Promise<EventEnvelope> {
  const event: EventEnvelope = { id: randomUUID(), topic, source: "users", occurredAt: occurredAt.toISOString(), payload };
  await bus.publish(event);
  return event;
}
const link = (studentId: string, guardianId: string, extra: Record<string, unknown> = {}, when?: Date) =>
  publish(
    "users.guardianship.changed",
    { guardianshipId: randomUUID(), studentId, guardianId, linked: true, relation: "mother", ...extra },
    when,
  );
const consent = (guardianId: string, given: boolean, when: Date) =>
  publish("users.consent.changed", {
    subjectId: guardianId,
    kind: "PARENT_NOTIFICATIONS",
    version: "2026-09",
    given,
    givenBy: guardianId,
    at: when.toISOString(),
  });
const linksOf = (guardianId: string) => orm.em.fork().find(GuardianLink, { guardianId }, { orderBy: { studentId: "asc" } });

describe("guardianships", () => {
  it("a link made in users becomes a link here with the guardian's consent and locale; an unlink removes it", async () => {
    const [student, guardian] = [randomUUID(), randomUUID()];
    const made = await link(student, guardian, { locale: "UZ_CYRL", notify: true, consentChangedAt: "2026-09-01T04:00:00.000Z" });
    const [row] = await linksOf(guardian);
    expect(row).toMatchObject({ id: made.payload.guardianshipId, studentId: student, notify: true, locale: "UZ_CYRL" });
    expect(await orm.em.fork().findOneOrFail(Guardian, { id: guardian })).toMatchObject({ notify: true, locale: "UZ_CYRL" });

    await publish("users.guardianship.changed", { studentId: student, guardianId: guardian, linked: false });
    expect(await linksOf(guardian)).toEqual([]);
  });

  it("a consent withdrawn after the link was made, but delivered before it, still wins", async () => {
    const [student, guardian] = [randomUUID(), randomUUID()];
    await consent(guardian, false, at("2026-11-20T10:00:00Z"));
    // The link event says "consented (as of September)": older than the withdrawal already applied.
    await link(student, guardian, { locale: "RU", notify: true, consentChangedAt: "2026-09-01T04:00:00.000Z" }, at("2026-11-20T09:00:00Z"));
    expect((await linksOf(guardian)).map((l) => l.notify)).toEqual([false]);
    // A second child linked later starts from the guardian's state too.
    await link(randomUUID(), guardian, { locale: "RU", notify: false, consentChangedAt: null });
    expect((await linksOf(guardian)).map((l) => l.notify)).toEqual([false, false]);
    await consent(guardian, true, at("2026-11-21T10:00:00Z"));
    expect((await linksOf(guardian)).map((l) => l.notify)).toEqual([true, true]);
  });

  it("ignores a payload it does not understand", async () => {
    const guardian = randomUUID();
    await publish("users.guardianship.changed", { studentId: randomUUID(), guardianId: guardian, linked: "yes" });
    expect(await linksOf(guardian)).toEqual([]);
  });
});

describe("profiles and preferences", () => {
  it("a new locale reaches every link of the guardian; an older change arriving late does not undo it", async () => {
    const guardian = randomUUID();
    await link(
      randomUUID(),
      guardian,
      { locale: "UZ_LATN", notify: true, consentChangedAt: "2026-09-01T04:00:00.000Z" },
      at("2026-11-01T00:00:00Z"),
    );
    await link(
      randomUUID(),
      guardian,
      { locale: "UZ_LATN", notify: true, consentChangedAt: "2026-09-01T04:00:00.000Z" },
      at("2026-11-01T00:00:00Z"),
    );
    await publish("users.profile.changed", { userId: guardian, locale: "RU" }, at("2026-11-20T10:00:00Z"));
    expect((await linksOf(guardian)).map((l) => l.locale)).toEqual(["RU", "RU"]);
    await publish("users.profile.changed", { userId: guardian, locale: "UZ_CYRL" }, at("2026-11-19T10:00:00Z"));
    expect((await linksOf(guardian)).map((l) => l.locale)).toEqual(["RU", "RU"]);
  });

  it("a language chosen for notices wins over the profile's, until it is cleared", async () => {
    const guardian = randomUUID();
    await link(
      randomUUID(),
      guardian,
      { locale: "RU", notify: true, consentChangedAt: "2026-09-01T04:00:00.000Z" },
      at("2026-11-01T00:00:00Z"),
    );
    await publish("users.notification-preferences.changed", { userId: guardian, language: "UZ_CYRL", digest: true });
    expect((await linksOf(guardian)).map((l) => l.locale)).toEqual(["UZ_CYRL"]);
    await publish("users.profile.changed", { userId: guardian, locale: "EN" }, at("2026-11-20T10:00:00Z"));
    expect((await linksOf(guardian)).map((l) => l.locale)).toEqual(["UZ_CYRL"]);
    await publish("users.notification-preferences.changed", { userId: guardian, language: null });
    expect((await linksOf(guardian)).map((l) => l.locale)).toEqual(["EN"]);
    expect(await orm.em.fork().findOneOrFail(Guardian, { id: guardian })).toMatchObject({ digest: true, language: null, locale: "EN" });
  });

  it("a student's name is kept (latest wins) and used by the next notice, in the guardian's script", async () => {
    const [student, guardian] = [randomUUID(), randomUUID()];
    await link(student, guardian, { locale: "UZ_CYRL", notify: true, consentChangedAt: "2026-09-01T04:00:00.000Z" });
    await publish(
      "users.profile.changed",
      { userId: student, locale: "UZ_LATN", fullNameLatn: "Yo‘ldoshev Sherzod", fullNameCyrl: null },
      at("2026-11-20T10:00:00Z"),
    );
    await publish("users.profile.changed", { userId: student, locale: "UZ_LATN", fullNameLatn: "Eski Ism" }, at("2026-11-19T10:00:00Z"));
    expect(await orm.em.fork().findOneOrFail(StudentName, { studentId: student })).toMatchObject({
      latn: "Yo‘ldoshev Sherzod",
      cyrl: null,
    });

    const event = await publish("journal.grade.recorded", { studentId: student, kind: "CURRENT", value: 5, date: "2026-11-20" });
    const [notice] = await orm.em.fork().find(Notification, { sourceEventId: event.id });
    // The name in the guardian's script; the date as that locale writes it.
    expect(notice!.body).toMatch(/^Фарзандингиз Йўлдошев Шерзод 20 ноябр/);
  });
});
