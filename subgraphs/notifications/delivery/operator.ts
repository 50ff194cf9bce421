/**
 * The operator's view of deliveries. The contract has no operator role: the data protection officer is
 * the operator's person in the demo world (demo-dpo) and already answers for how notices are processed,
 * so it is theirs. A school admin is not given it: this subgraph keeps no school of a notice (a replica
 * it would need only for this), and providers and dead letters are the operator's business, not a school's.
 * What it shows carries no address, text or recipient, so reading it releases no personal data.
 */
import type { FilterQuery } from "@mikro-orm/core";
import type { Caller } from "../../../shared/auth/claims.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { NotificationsContext } from "../context.js";
import { Delivery, type DeliveryStatus, type NoticeChannel } from "../entities/index.js";
import { now as clockNow } from "../../../shared/clock.js";

export function assertOperator(caller: Caller): void {
  if (caller.role !== "DATA_PROTECTION_OFFICER")
    throw new ForbiddenError("Delivery state is the operator's (data protection officer's) view");
}

export interface DeliveryFilter {
  status?: DeliveryStatus | null;
  channel?: NoticeChannel | null;
  noticeId?: string | null;
  first?: number | null;
}

export async function listDeliveries(ctx: NotificationsContext, filter: DeliveryFilter): Promise<Delivery[]> {
  const first = filter.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 200) throw new BadUserInputError("first", "must be between 1 and 200");
  const where: FilterQuery<Delivery> = {};
  if (filter.status) where.status = filter.status;
  if (filter.channel) where.channel = filter.channel;
  if (filter.noticeId) where.noticeId = parseId(filter.noticeId, "noticeId");
  return ctx.em.find(Delivery, where, { orderBy: { updatedAt: "desc", id: "asc" }, limit: first });
}

/** A dead letter goes back to the queue with a fresh set of attempts (and the same idempotency key). */
export async function redrive(ctx: NotificationsContext, idArg: string): Promise<Delivery> {
  const id = parseId(idArg, "id");
  const now = clockNow();
  const changed = await ctx.em.nativeUpdate(
    Delivery,
    { id, status: "DEAD" },
    { status: "PENDING", attempts: 0, nextAttemptAt: now, claimToken: null, updatedAt: now },
  );
  const delivery = await ctx.em.findOne(Delivery, { id }, { disableIdentityMap: true });
  if (!delivery) throw new NotFoundError("Delivery");
  if (changed === 0) throw new BadUserInputError("id", `only a DEAD delivery can be retried; this one is ${delivery.status}`);
  return delivery;
}
