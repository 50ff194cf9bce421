/**
 * The read side of parents' channel preferences, for this subgraph's own code: which channels a notice of a
 * kind goes out through, and the linked Telegram chat. The digest and the notice language are read by the
 * notice pipeline from the guardian read-model (guardians/preferences.ts), not from here.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { NoticeChannel } from "../../../shared/config.js";
import { NOTIFICATION_KINDS, NotificationPreference, type ChannelChoices, type NotificationKind } from "../entities/index.js";

/** The kinds a parent chooses channels for: every kind but DIGEST, which stands for all of them. */
export const CHOOSABLE_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter((kind) => kind !== "DIGEST");

export interface EffectivePreferences {
  channels: ChannelChoices;
  telegramChatId: string | null;
}

/** No row: in-app only. External channels are opt-in. */
export const DEFAULT_PREFERENCES: EffectivePreferences = Object.freeze({ channels: {}, telegramChatId: null });

export function effective(row: NotificationPreference | null | undefined): EffectivePreferences {
  if (!row) return DEFAULT_PREFERENCES;
  return { channels: row.channels ?? {}, telegramChatId: row.telegramChatId ?? null };
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
  return [...new Set(CHOOSABLE_KINDS.flatMap((k) => prefs.channels[k] ?? []))];
}
