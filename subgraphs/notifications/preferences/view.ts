import type { NoticeChannel } from "../../../shared/config.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import { addressOf } from "../channels/addresses.js";
import type { Contact, Guardian, NotificationPreference } from "../entities/index.js";
import type { NotificationPreferencesType } from "../types/preferences.js";
import { CHOOSABLE_KINDS, effective } from "./read.js";

/**
 * The parent's preferences as the API shows them: every kind listed, defaults filled in. Channels come from
 * the preference row, digest and notice language from the guardian read-model (no row: off, the profile's).
 */
export function preferencesView(
  recipientId: string,
  row: NotificationPreference | null,
  guardian: Guardian | null,
  contact: Contact | null,
  offered: readonly NoticeChannel[],
): NotificationPreferencesType {
  const prefs = effective(row);
  const book = { phone: contact?.phone, email: contact?.email, telegramChatId: prefs.telegramChatId };
  return {
    recipientId,
    channels: CHOOSABLE_KINDS.map((kind) => ({ kind, channels: [...(prefs.channels[kind] ?? [])] })),
    digest: guardian?.digest ?? false,
    locale: (guardian?.language as Locale | null | undefined) ?? null,
    telegramChatId: prefs.telegramChatId,
    availableChannels: offered.filter((channel) => !!addressOf(channel, book)),
  };
}
