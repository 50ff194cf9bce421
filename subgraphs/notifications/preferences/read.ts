/**
 * The read side of parents' notice preferences, for this subgraph's own code and for the notice pipeline:
 * which channels a notice of a kind goes out through, whether the parent wants a daily digest, and the
 * language the parent chose for notices (overriding the profile's, which the replicas hold).
 */
import type { EntityManager } from "@mikro-orm/core";
import type { NoticeChannel } from "../../../shared/config.js";
import { LOCALES, type Locale } from "../../../shared/i18n/locale.js";
import { NOTIFICATION_KINDS, NotificationPreference, type ChannelChoices, type NotificationKind } from "../entities/index.js";

export interface EffectivePreferences {
  channels: ChannelChoices;
  digest: boolean;
  /** The language chosen for notices; null: the profile's language. */
  locale: Locale | null;
  telegramChatId: string | null;
}

/** No row: in-app only, no digest, the profile's language. External channels are opt-in. */
export const DEFAULT_PREFERENCES: EffectivePreferences = Object.freeze({ channels: {}, digest: false, locale: null, telegramChatId: null });

const asLocale = (value: string | null | undefined): Locale | null =>
  value && LOCALES.includes(value as Locale) ? (value as Locale) : null;

export function effective(row: NotificationPreference | null | undefined): EffectivePreferences {
  if (!row) return DEFAULT_PREFERENCES;
  return { channels: row.channels ?? {}, digest: row.digest, locale: asLocale(row.locale), telegramChatId: row.telegramChatId ?? null };
}

/** Preferences of many recipients in one query; everyone without a row gets the defaults. */
export async function preferencesOf(em: EntityManager, recipientIds: readonly string[]): Promise<Map<string, EffectivePreferences>> {
  const ids = [...new Set(recipientIds)];
  const rows = ids.length ? await em.find(NotificationPreference, { recipientId: { $in: ids } }) : [];
  const byId = new Map(rows.map((r) => [r.recipientId, r]));
  return new Map(ids.map((id) => [id, effective(byId.get(id))]));
}

/**
 * The channels a notice goes out through: those chosen for its kind, or for a digest every channel chosen
 * for any kind (the digest stands for them all).
 */
export function channelsFor(prefs: EffectivePreferences, kind: NotificationKind, digest = false): NoticeChannel[] {
  if (!digest) return [...(prefs.channels[kind] ?? [])];
  return [...new Set(NOTIFICATION_KINDS.flatMap((k) => prefs.channels[k] ?? []))];
}

/** The notice language each recipient chose, for those who chose one (others keep the replica's locale). */
export async function chosenLocales(em: EntityManager, recipientIds: readonly string[]): Promise<Map<string, Locale>> {
  const out = new Map<string, Locale>();
  for (const [id, prefs] of await preferencesOf(em, recipientIds)) if (prefs.locale) out.set(id, prefs.locale);
  return out;
}
