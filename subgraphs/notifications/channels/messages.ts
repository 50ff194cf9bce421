/**
 * The body each provider receives. One JSON shape for all three (a provider reads the fields it knows):
 * the address, the notice's text in the recipient's language, and the idempotency key again as `reference`
 * for providers that de-duplicate on a body field rather than the header.
 */
import type { NoticeChannel } from "../../../shared/config.js";

export interface ProviderMessage {
  channel: NoticeChannel;
  to: string;
  /** E-mail subject and Telegram heading; SMS sends `text` alone to stay short. */
  subject?: string;
  text: string;
  reference: string;
}

export interface NoticeContent {
  title: string;
  body: string;
}

export function providerMessage(channel: NoticeChannel, to: string, notice: NoticeContent, reference: string): ProviderMessage {
  switch (channel) {
    case "SMS":
      return { channel, to, text: notice.body, reference };
    case "TELEGRAM":
      return { channel, to, text: `${notice.title}\n\n${notice.body}`, reference };
    case "EMAIL":
      return { channel, to, subject: notice.title, text: notice.body, reference };
  }
}

/** Stable per (notice, channel): every attempt, in any worker, after any crash, sends the same key. */
export const idempotencyKey = (noticeId: string, channel: NoticeChannel): string => `notice-${noticeId}-${channel.toLowerCase()}`;
