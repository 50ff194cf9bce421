import type { NoticeChannel } from "../../../shared/config.js";
import { addressOf } from "../channels/addresses.js";
import { NOTIFICATION_KINDS, type Contact, type NotificationPreference } from "../entities/index.js";
import type { NotificationPreferencesType } from "../types/preferences.js";
import { effective } from "./read.js";

/** The parent's preferences as the API shows them: every kind listed, defaults filled in. */
export function preferencesView(
  recipientId: string,
  row: NotificationPreference | null,
  contact: Contact | null,
  offered: readonly NoticeChannel[],
): NotificationPreferencesType {
  const prefs = effective(row);
  const book = { phone: contact?.phone, email: contact?.email, telegramChatId: prefs.telegramChatId };
  return {
    recipientId,
    channels: NOTIFICATION_KINDS.map((kind) => ({ kind, channels: [...(prefs.channels[kind] ?? [])] })),
    digest: prefs.digest,
    locale: prefs.locale,
    telegramChatId: prefs.telegramChatId,
    availableChannels: offered.filter((channel) => !!addressOf(channel, book)),
  };
}
