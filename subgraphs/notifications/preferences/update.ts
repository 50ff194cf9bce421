/**
 * A parent's choice of channels per notice kind, digest and notice language. Checked whole before it is
 * saved: every channel must be offered here (its provider configured) and reachable (an address on file),
 * so a parent never believes they will get an SMS that cannot be sent. Channels are kept here; the digest
 * and the language go to the guardian read-model through the pipeline's `applyNoticePreferences`, in the
 * same transaction, which is where the notice pipeline reads them (and copies the language onto the links).
 */
import type { EntityManager } from "@mikro-orm/core";
import { NOTICE_CHANNELS, type NoticeChannel } from "../../../shared/config.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { LOCALES, type Locale } from "../../../shared/i18n/locale.js";
import { addressOf, ADDRESS_NEEDED, type AddressBook } from "../channels/addresses.js";
import { Contact, Guardian, NotificationPreference, type ChannelChoices, type NotificationKind } from "../entities/index.js";
import { applyNoticePreferences } from "../guardians/preferences.js";
import { CHOOSABLE_KINDS } from "./read.js";

export interface ChannelChoiceInput {
  kind: string;
  channels: string[];
}

/** Omitted (undefined) keeps the current value; null resets it (locale: follow the profile; chat: unlink). */
export interface PreferencesInput {
  channels?: ChannelChoiceInput[] | null;
  digest?: boolean | null;
  locale?: string | null;
  telegramChatId?: string | null;
}

/** A Telegram chat id is a (possibly negative) integer. */
const CHAT_ID_RE = /^-?\d{1,20}$/;

const isKind = (value: string): value is NotificationKind => (CHOOSABLE_KINDS as readonly string[]).includes(value);
const isChannel = (value: string): value is NoticeChannel => (NOTICE_CHANNELS as readonly string[]).includes(value);

function mergeChoices(current: ChannelChoices, input: ChannelChoiceInput[], offered: readonly NoticeChannel[]): ChannelChoices {
  const next: ChannelChoices = { ...current };
  const seen = new Set<string>();
  input.forEach((choice, i) => {
    const where = `input.channels[${i}]`;
    if (!isKind(choice.kind)) throw new BadUserInputError(`${where}.kind`, `unknown notice kind ${choice.kind}`);
    if (seen.has(choice.kind)) throw new BadUserInputError(`${where}.kind`, `${choice.kind} is listed twice`);
    seen.add(choice.kind);
    const channels: NoticeChannel[] = [];
    for (const channel of choice.channels) {
      if (!isChannel(channel)) throw new BadUserInputError(`${where}.channels`, `unknown channel ${channel}`);
      if (!offered.includes(channel)) {
        throw new BadUserInputError(`${where}.channels`, `${channel} is not offered here (no provider is configured for it)`);
      }
      if (!channels.includes(channel)) channels.push(channel);
    }
    if (channels.length > 0) next[choice.kind] = channels;
    else delete next[choice.kind];
  });
  return next;
}

function chatIdOf(raw: string | null | undefined, current: string | null | undefined): string | null {
  if (raw === undefined) return current ?? null;
  const value = raw?.trim() ?? "";
  if (value === "") return null;
  if (!CHAT_ID_RE.test(value)) throw new BadUserInputError("input.telegramChatId", "a Telegram chat id is a whole number");
  return value;
}

/** undefined: unchanged; null: back to the profile's language. */
function localeOf(raw: string | null | undefined): Locale | null | undefined {
  if (raw === undefined || raw === null) return raw;
  if (!LOCALES.includes(raw as Locale)) throw new BadUserInputError("input.locale", `unknown locale ${raw}`);
  return raw as Locale;
}

/**
 * The channels chosen in this input must reach the parent, and unlinking Telegram must not strand a kind
 * that still goes there. Choices made earlier whose address has since gone are left alone (planning skips
 * them), so such a parent can still change their digest. Errors name the channel and what it needs, never a value.
 */
function checkReachable(choices: ChannelChoices, input: PreferencesInput, book: AddressBook): void {
  for (const [i, choice] of (input.channels ?? []).entries()) {
    for (const channel of choices[choice.kind as NotificationKind] ?? []) {
      if (addressOf(channel, book)) continue;
      throw new BadUserInputError(
        `input.channels[${i}].channels`,
        `${channel} needs ${ADDRESS_NEEDED[channel]}, and none is on file for you`,
      );
    }
  }
  if (input.telegramChatId === undefined || book.telegramChatId) return;
  const stranded = CHOOSABLE_KINDS.filter((kind) => choices[kind]?.includes("TELEGRAM"));
  if (stranded.length > 0) {
    throw new BadUserInputError("input.telegramChatId", `TELEGRAM is still chosen for ${stranded.join(", ")}: choose other channels first`);
  }
}

export interface SavedPreferences {
  row: NotificationPreference;
  /** The guardian read-model's row when this input touched the digest or the language (else as found). */
  guardian: Guardian | null;
}

/**
 * Validates and saves `input` for `recipientId` in one transaction; `offered` are the channels switched on
 * in this process.
 */
export async function savePreferences(
  em: EntityManager,
  recipientId: string,
  input: PreferencesInput,
  offered: readonly NoticeChannel[],
): Promise<SavedPreferences> {
  return em.transactional((tx) => save(tx, recipientId, input, offered));
}

async function save(
  em: EntityManager,
  recipientId: string,
  input: PreferencesInput,
  offered: readonly NoticeChannel[],
): Promise<SavedPreferences> {
  const [row, contact] = await Promise.all([em.findOne(NotificationPreference, { recipientId }), em.findOne(Contact, { recipientId })]);
  const pref = row ?? em.create(NotificationPreference, { recipientId });
  const channels = input.channels ? mergeChoices(pref.channels ?? {}, input.channels, offered) : (pref.channels ?? {});
  const telegramChatId = chatIdOf(input.telegramChatId, pref.telegramChatId);
  const language = localeOf(input.locale);
  checkReachable(channels, input, { phone: contact?.phone, email: contact?.email, telegramChatId });
  pref.channels = channels;
  pref.telegramChatId = telegramChatId;
  em.persist(pref);
  const digest = input.digest ?? undefined;
  const guardian =
    digest !== undefined || language !== undefined
      ? await applyNoticePreferences(em, recipientId, { digest, language })
      : await em.findOne(Guardian, { id: recipientId });
  await em.flush();
  return { row: pref, guardian };
}
