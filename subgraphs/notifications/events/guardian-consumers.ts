/**
 * The users subgraph's events that keep the guardian read-model (guardians/read-model.ts): guardianships
 * made and ended, profile changes (locale; a student's name), and notice preferences when users publishes
 * them. Payloads we do not understand change nothing; `consume` makes each event count once.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { EventBus, EventEnvelope } from "../../../shared/events/bus.js";
import { consume } from "../../../shared/events/outbox.js";
import { LOCALES, type Locale } from "../../../shared/i18n/locale.js";
import { applyGuardianship, applyProfile } from "../guardians/read-model.js";
import { applyNoticePreferences } from "../guardians/preferences.js";
import { now } from "../../../shared/clock.js";

/** Topics of the users subgraph's outbox (its published contract; we keep our own copy, not its code). */
export const USERS_GUARDIANSHIP_CHANGED = "users.guardianship.changed";
export const USERS_PROFILE_CHANGED = "users.profile.changed";
export const USERS_NOTIFICATION_PREFERENCES_CHANGED = "users.notification-preferences.changed";

const CONSUMER = "notifications";

const str = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);
const locale = (value: unknown): Locale | undefined => (LOCALES.includes(value as Locale) ? (value as Locale) : undefined);
const instant = (value: unknown): Date | undefined => {
  const date = typeof value === "string" ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
};
/** When the change happened at the source: the envelope's time (the outbox row's creation, in the same transaction). */
const occurred = (event: EventEnvelope): Date => instant(event.occurredAt) ?? now();

async function onGuardianshipChanged(em: EntityManager, event: EventEnvelope): Promise<void> {
  const p = event.payload;
  const studentId = str(p.studentId);
  const guardianId = str(p.guardianId);
  if (!studentId || !guardianId || typeof p.linked !== "boolean") return;
  await applyGuardianship(
    em,
    {
      studentId,
      guardianId,
      linked: p.linked,
      guardianshipId: str(p.guardianshipId),
      locale: locale(p.locale),
      notify: typeof p.notify === "boolean" ? p.notify : undefined,
      consentChangedAt: instant(p.consentChangedAt) ?? null,
    },
    occurred(event),
  );
}

async function onProfileChanged(em: EntityManager, event: EventEnvelope): Promise<void> {
  const p = event.payload;
  const userId = str(p.userId);
  if (!userId) return;
  const fullNameLatn = str(p.fullNameLatn);
  await applyProfile(
    em,
    { userId, locale: locale(p.locale), fullNameLatn, fullNameCyrl: fullNameLatn ? (str(p.fullNameCyrl) ?? null) : undefined },
    occurred(event),
  );
}

async function onPreferencesChanged(em: EntityManager, event: EventEnvelope): Promise<void> {
  const p = event.payload;
  const userId = str(p.userId);
  if (!userId) return;
  await applyNoticePreferences(em, userId, {
    digest: typeof p.digest === "boolean" ? p.digest : undefined,
    language: p.language === null ? null : locale(p.language),
  });
}

/** Subscribes the notifications subgraph to the guardian read-model's events; called once per process. */
export function registerGuardianConsumers(orm: MikroORM, bus: EventBus): void {
  consume(orm, bus, USERS_GUARDIANSHIP_CHANGED, CONSUMER, onGuardianshipChanged);
  consume(orm, bus, USERS_PROFILE_CHANGED, CONSUMER, onProfileChanged);
  consume(orm, bus, USERS_NOTIFICATION_PREFERENCES_CHANGED, CONSUMER, onPreferencesChanged);
}
