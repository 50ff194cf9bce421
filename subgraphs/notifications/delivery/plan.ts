/**
 * The hook between creating a notice and delivering it: whoever writes notices calls `planDeliveries` in
 * the same transaction, so a notice and its deliveries commit (or vanish) together and a crash can neither
 * lose a delivery nor plan one twice. One row per (notice, channel) the recipient chose for the notice's
 * kind, that is switched on here (a provider URL is configured) and that the recipient can be reached on.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import type { NoticeChannel } from "../../../shared/config.js";
import { addressOf } from "../channels/addresses.js";
import { Contact, Delivery, type NotificationKind } from "../entities/index.js";
import { channelsFor, preferencesOf } from "../preferences/read.js";
import { now as clockNow } from "../../../shared/clock.js";

/** What planning needs of a notice; a `Notification` entity fits as it is. */
export interface PlannedNotice {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  /** Not before this instant (quiet hours): the worker leaves the delivery alone until then. */
  deliverAfter?: Date | null;
  /** A daily digest: goes out through every channel the recipient chose for any kind. */
  digest?: boolean;
}

/**
 * Persists (without flushing: the caller's transaction commits them) the deliveries of `notices`.
 * `channels` are the channels switched on in this process (`enabledChannels(config.delivery)`); none on
 * means no query at all. Returns the deliveries planned.
 */
export async function planDeliveries(
  em: EntityManager,
  notices: PlannedNotice | readonly PlannedNotice[],
  channels: readonly NoticeChannel[],
): Promise<Delivery[]> {
  const list = Array.isArray(notices) ? (notices as readonly PlannedNotice[]) : [notices as PlannedNotice];
  if (list.length === 0 || channels.length === 0) return [];
  const recipients = [...new Set(list.map((n) => n.recipientId))];
  const prefs = await preferencesOf(em, recipients);
  const wanted = new Map(
    list.map((n) => [n.id, channelsFor(prefs.get(n.recipientId)!, n.kind, n.digest).filter((c) => channels.includes(c))]),
  );
  if (![...wanted.values()].some((w) => w.length > 0)) return [];
  const contacts = new Map((await em.find(Contact, { recipientId: { $in: recipients } })).map((c) => [c.recipientId, c]));
  const now = clockNow();
  const planned: Delivery[] = [];
  for (const notice of list) {
    const book = { ...contacts.get(notice.recipientId), telegramChatId: prefs.get(notice.recipientId)!.telegramChatId };
    for (const channel of wanted.get(notice.id) ?? []) {
      // An address that went away since the parent chose the channel: nothing to plan (in-app still has it).
      if (!addressOf(channel, book)) continue;
      const delivery = em.create(Delivery, {
        id: randomUUID(),
        noticeId: notice.id,
        recipientId: notice.recipientId,
        kind: notice.kind,
        channel,
        nextAttemptAt: notice.deliverAfter && notice.deliverAfter > now ? notice.deliverAfter : now,
      });
      em.persist(delivery);
      planned.push(delivery);
    }
  }
  return planned;
}
