/**
 * Revoked sessions. The users subgraph ends a session (sign-out, a replayed refresh token) and, in the
 * same transaction, puts `users.session.revoked` {sid, expiresAt} in its outbox. Every other subgraph
 * keeps a replica of those sids (`revoked_sessions`) filled by an idempotent consumer, so it can refuse
 * a revoked access token on its own: one primary-key lookup per request, no call to users.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { EventBus, EventEnvelope } from "../events/bus.js";
import type { SubgraphDeps } from "../federation/subgraph-module.js";
import { consume } from "../events/outbox.js";
import { registerClaimsGenerationConsumer } from "./claims-generation.js";
import { RevokedSession } from "./revoked-session.entity.js";
import type { Role } from "./roles.js";
import type { TokenSettings } from "./tokens.js";
import { now, nowMs } from "../clock.js";

/** Topic of the users subgraph's outbox: a session (refresh-token family, the tokens' `sid`) has ended. */
export const SESSION_REVOKED = "users.session.revoked";

/**
 * Whether the session `sid` has been ended; throwing makes the request fail rather than let it through.
 * An integration partner's tokens carry its client id as `sid`: revoking the client ends them the same way.
 */
export type RevocationCheck = (sid: string, role?: Role) => Promise<boolean>;

/** The payload of SESSION_REVOKED: until `expiresAt` an access token of the session may still be presented. */
export function sessionRevokedPayload(sid: string, accessTtlSeconds: number, now = nowMs()): Record<string, unknown> {
  return { sid, expiresAt: new Date(now + accessTtlSeconds * 1000).toISOString() };
}

/** Token settings whose verification also refuses tokens of revoked sessions. */
export const withRevocationCheck = (tokens: TokenSettings, isRevoked: RevocationCheck): TokenSettings => ({ ...tokens, isRevoked });

/** The check of a subgraph that keeps the replica: a primary-key lookup in its own database. */
export function replicaRevocationCheck(orm: MikroORM): RevocationCheck {
  return async (sid) => (await orm.em.fork().count(RevokedSession, { sid })) > 0;
}

async function onSessionRevoked(em: EntityManager, event: EventEnvelope): Promise<void> {
  const { sid, expiresAt } = event.payload;
  const until = typeof expiresAt === "string" ? new Date(expiresAt) : undefined;
  if (typeof sid !== "string" || !until || Number.isNaN(until.getTime())) return;
  // Rows whose tokens have all expired are of no use any more; dropping them keeps the table small.
  await em.nativeDelete(RevokedSession, { expiresAt: { $lt: now() } });
  if (until.getTime() <= nowMs()) return;
  await em.upsert(RevokedSession, { sid, expiresAt: until });
}

/**
 * Subscribes a subgraph's replica of revoked sessions; called once per process. `consumer` names the
 * subgraph (its durable consumer on NATS; its processed-event marks).
 */
export function registerRevokedSessionConsumer(orm: MikroORM, bus: EventBus, consumer: string): void {
  consume(orm, bus, SESSION_REVOKED, consumer, onSessionRevoked);
}

/**
 * Everything a subgraph that keeps the replicas needs, in one call from its createRuntime: subscribes the
 * consumers (named after the subgraph) and returns token settings that refuse revoked sessions and tokens
 * whose claims predate a relationship change (claims-generation.ts).
 */
export function replicatedRevocation(deps: Pick<SubgraphDeps, "orm" | "bus" | "tokens">, consumer: string): TokenSettings {
  registerRevokedSessionConsumer(deps.orm, deps.bus, consumer);
  registerClaimsGenerationConsumer(deps.orm, deps.bus, consumer);
  return { ...deps.tokens, tokenState: replicaTokenState(deps.orm) };
}

/**
 * The revocation and the claims generation of a token from this subgraph's replicas, in one statement per
 * request (two primary-key lookups as subqueries): the price of checking every token everywhere stays flat.
 */
export function replicaTokenState(orm: MikroORM): NonNullable<TokenSettings["tokenState"]> {
  return async (sid, sub) => {
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute<Array<{ revoked: number | string | null; generation: number | string | null }>>(
        `select (select count(*) from revoked_sessions where sid = ?) as revoked, ` +
          `(select generation from claims_generations where user_id = ?) as generation`,
        [sid ?? "", sub],
      );
    const row = rows[0];
    return { revoked: Number(row?.revoked ?? 0) > 0, generation: Number(row?.generation ?? 0) };
  };
}
