/**
 * Where each channel reaches a person: phone and e-mail from the contacts replica (kept by users' events),
 * the Telegram chat from the person's own preferences. Read when needed, never copied into a delivery.
 */
import type { NoticeChannel } from "../../../shared/config.js";

export interface AddressBook {
  phone?: string | null;
  email?: string | null;
  telegramChatId?: string | null;
}

export function addressOf(channel: NoticeChannel, book: AddressBook): string | undefined {
  const value = channel === "SMS" ? book.phone : channel === "EMAIL" ? book.email : book.telegramChatId;
  return value ? value : undefined;
}

/** What a channel needs, in words a parent (and an operator's log) can read without seeing the value. */
export const ADDRESS_NEEDED: Record<NoticeChannel, string> = {
  SMS: "a phone number",
  EMAIL: "an e-mail address",
  TELEGRAM: "a linked Telegram chat (telegramChatId)",
};
