/**
 * Delivery's side of the pipeline's "notice created" hook (notices/created-hook.ts): plans the deliveries
 * of new notices in the transaction that writes them. A notice carried by a digest (`inDigest`) is not
 * pushed alone; the DIGEST notice is, through every channel the guardian chose for any kind.
 */
import type { NoticeChannel } from "../../../shared/config.js";
import type { NoticeCreatedHook } from "../notices/created-hook.js";
import { planDeliveries } from "./plan.js";

export const planDeliveriesOnCreated =
  (channels: readonly NoticeChannel[]): NoticeCreatedHook =>
  async (em, notices) => {
    await planDeliveries(
      em,
      notices
        .filter((n) => !n.inDigest)
        .map((n) => ({ id: n.id, recipientId: n.recipientId, kind: n.kind, deliverAfter: n.deliverAfter, digest: n.kind === "DIGEST" })),
      channels,
    );
  };
