/**
 * Relationship changes take effect on the next request, not when the access token expires. A token's
 * claims (children, classes, teaching, org) are a snapshot; whenever a fact behind them changes, the users
 * subgraph raises the person's claims generation in the same transaction and announces it on
 * `users.claims.changed`. Every subgraph refuses a token whose `gen` is below the generation it knows
 * (UNAUTHENTICATED with reason CLAIMS_CHANGED): the client refreshes its session, and the refresh computes
 * claims from the relationships as they stand now, so a newly linked parent sees the child without signing
 * in again and an unlinked one stops seeing it at once.
 *
 * The signal is generic: whatever changes a claims input (a guardianship here; an enrolment, employment,
 * teaching or homeroom placement replicated from institutions' events; new kinds of those later) calls
 * `claimsChanged(em, userIds)` in its transaction.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { EventBus, EventEnvelope } from "../events/bus.js";
import { consume, enqueue } from "../events/outbox.js";
import { ClaimsGeneration } from "./claims-generation.entity.js";

/** Topic of the users subgraph's outbox: the claims of `userId` are now at `generation`. */
export const CLAIMS_CHANGED = "users.claims.changed";

export interface ClaimsChanged {
  userId: string;
  generation: number;
}

/** Whether a token of `userId` computed at generation `gen` is out of date. */
export type StaleClaimsCheck = (userId: string, gen: number) => Promise<boolean>;

/** The generation a token computed now carries; read before the facts so a race errs towards a refusal. */
export async function claimsGenerationOf(em: EntityManager, userId: string): Promise<number> {
  const row = await em.findOne(ClaimsGeneration, { userId }, { disableIdentityMap: true });
  return row?.generation ?? 0;
}

/**
 * Raises the generation of each person and writes `users.claims.changed` for each to the outbox, in the
 * caller's transaction (users subgraph only: it owns the count). The caller kicks the relay after commit.
 */
export async function claimsChanged(em: EntityManager, userIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const rows = new Map((await em.find(ClaimsGeneration, { userId: { $in: ids } })).map((r) => [r.userId, r]));
  for (const userId of ids) {
    let row = rows.get(userId);
    if (row) row.generation += 1;
    else em.persist((row = em.create(ClaimsGeneration, { userId, generation: 1 })));
    enqueue(em, CLAIMS_CHANGED, { userId, generation: row.generation } satisfies ClaimsChanged);
  }
}

/** A primary-key lookup in this subgraph's table (the users subgraph's own, or a replica). */
export function staleClaimsCheck(orm: MikroORM): StaleClaimsCheck {
  return async (userId, gen) => {
    const row = await orm.em.fork().findOne(ClaimsGeneration, { userId }, { disableIdentityMap: true });
    return !!row && row.generation > gen;
  };
}

async function onClaimsChanged(em: EntityManager, event: EventEnvelope): Promise<void> {
  const { userId, generation } = event.payload;
  if (typeof userId !== "string" || typeof generation !== "number" || !Number.isInteger(generation)) return;
  const row = await em.findOne(ClaimsGeneration, { userId });
  // Events may arrive out of order: the highest generation wins.
  if (!row) em.persist(em.create(ClaimsGeneration, { userId, generation }));
  else if (row.generation < generation) row.generation = generation;
}

/** Subscribes a subgraph's replica of claims generations; `consumer` names the subgraph. */
export function registerClaimsGenerationConsumer(orm: MikroORM, bus: EventBus, consumer: string): void {
  consume(orm, bus, CLAIMS_CHANGED, consumer, onClaimsChanged);
}
