/**
 * Taking deliveries to send. Reading what is due and claiming it are separate steps, so several workers
 * may read the same rows; the claim is one conditional UPDATE that only matches rows still open and due,
 * and it moves `nextAttemptAt` ahead as a lease, so of the workers that read a row exactly one claims it
 * (PostgreSQL re-checks the condition after the row lock; SQLite runs one write at a time).
 */
import { randomUUID } from "node:crypto";
import { raw, type EntityManager } from "@mikro-orm/core";
import { Delivery, OPEN_STATUSES, type NoticeChannel } from "../entities/index.js";

/** Ids of up to `limit` deliveries due at `now` on `channels`, the longest-waiting first. */
export async function findDue(em: EntityManager, channels: readonly NoticeChannel[], now: Date, limit: number): Promise<string[]> {
  const rows = await em.find(
    Delivery,
    { status: { $in: [...OPEN_STATUSES] }, channel: { $in: [...channels] }, nextAttemptAt: { $lte: now } },
    { fields: ["id"], orderBy: { nextAttemptAt: "asc", id: "asc" }, limit, disableIdentityMap: true },
  );
  return rows.map((r) => r.id);
}

/**
 * Claims those of `ids` still due at `now` for `leaseMs`, counting the attempt; returns the rows won, each
 * carrying the claim's token, which the outcome must match to be written.
 */
export async function claim(em: EntityManager, ids: readonly string[], now: Date, leaseMs: number): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const token = randomUUID();
  await em.nativeUpdate(
    Delivery,
    { id: { $in: [...ids] }, status: { $in: [...OPEN_STATUSES] }, nextAttemptAt: { $lte: now } },
    {
      claimToken: token,
      nextAttemptAt: new Date(now.getTime() + leaseMs),
      lastAttemptAt: now,
      updatedAt: now,
      attempts: raw("attempts + 1"),
    },
  );
  return em.find(Delivery, { claimToken: token }, { disableIdentityMap: true });
}
