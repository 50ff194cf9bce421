import type { EntityManager } from "@mikro-orm/core";
import DataLoader from "dataloader";
import { Delivery, Notification } from "../entities/index.js";

export interface NoticeQuery {
  recipientId: string;
  first: number;
  unreadOnly: boolean;
}

/** Every N+1 hotspot of this subgraph gets one named loader, created per request. */
export interface NotificationsLoaders {
  noticesOf: DataLoader<NoticeQuery, Notification[], string>;
  /** A page of notices asks for its deliveries in one query. */
  deliveriesOf: DataLoader<string, Delivery[]>;
}

export function createNotificationsLoaders(em: EntityManager): NotificationsLoaders {
  return {
    // The policy releases notices only to their recipient, so a batch holds one key in practice; a LIMIT per
    // key keeps a long history from being read whole.
    noticesOf: new DataLoader<NoticeQuery, Notification[], string>(
      (keys) =>
        Promise.all(
          keys.map((k) =>
            em.find(
              Notification,
              { recipientId: k.recipientId, ...(k.unreadOnly ? { readAt: null } : {}) },
              { orderBy: { createdAt: "desc", id: "asc" }, limit: k.first },
            ),
          ),
        ),
      { cacheKeyFn: (k) => `${k.recipientId}|${k.first}|${k.unreadOnly}` },
    ),
    deliveriesOf: new DataLoader<string, Delivery[]>(async (noticeIds) => {
      const rows = await em.find(Delivery, { noticeId: { $in: [...noticeIds] } }, { orderBy: { channel: "asc" } });
      return noticeIds.map((id) => rows.filter((d) => d.noticeId === id));
    }),
  };
}
