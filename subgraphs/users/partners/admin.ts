/**
 * The operator's administration of partner clients. The operator here is the Ministry (the operator of the
 * national e-journal): a MINISTRY_OFFICIAL declaring ADMINISTRATION; anyone else is FORBIDDEN. Each write is
 * one transaction; revocation puts `users.session.revoked` for the client in the outbox within it, so every
 * subgraph's replica refuses the client's tokens already issued.
 */
import type { Caller } from "../../../shared/auth/claims.js";
import { SESSION_REVOKED, sessionRevokedPayload } from "../../../shared/auth/revocations.js";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { parseId } from "../../../shared/ids.js";
import type { UsersContext } from "../context.js";
import { PartnerClient } from "../entities/index.js";
import { checkTerms, type PartnerTermsInput } from "./rules.js";
import { newClientSecret } from "./secret.js";
import { now } from "../../../shared/clock.js";

type Ctx = AuthedContext<UsersContext>;

/**
 * A token being signed while the revocation commits expires a moment after the revocation's own horizon;
 * the replicas keep the revoked client this much longer than a token lives.
 */
const REVOCATION_MARGIN_SECONDS = 60;

export interface IssuedCredentials {
  client: PartnerClient;
  clientSecret: string;
}

export function assertOperator(caller: Caller): void {
  if (caller.role !== "MINISTRY_OFFICIAL" || caller.purpose !== "ADMINISTRATION") {
    throw new ForbiddenError("Partner clients are administered by the ministry (MINISTRY_OFFICIAL, purpose ADMINISTRATION)");
  }
}

async function clientById(ctx: Ctx, clientId: string): Promise<PartnerClient> {
  const found = await ctx.em.findOne(PartnerClient, { id: parseId(clientId, "clientId") });
  if (!found) throw new NotFoundError("PartnerClient");
  return found;
}

export async function createPartnerClient(ctx: Ctx, input: PartnerTermsInput): Promise<IssuedCredentials> {
  assertOperator(ctx.caller);
  const terms = checkTerms(input);
  const { secret, hash } = await newClientSecret();
  const client = await ctx.em.transactional(async (em) => {
    const created = em.create(PartnerClient, {
      name: terms.name,
      secretHash: hash,
      purposes: terms.purposes,
      scopeLevel: terms.level,
      scopeUnitId: terms.unitId,
      ratePerMinute: terms.ratePerMinute,
      createdById: ctx.caller.sub,
    });
    em.persist(created);
    return created;
  });
  return { client, clientSecret: secret };
}

/**
 * A new secret; the old one stops working at once. Tokens already issued with it run out on their own
 * (within ACCESS_TOKEN_TTL_SECONDS), which is the overlap a partner has to swap the secret without a failed
 * call. A leaked secret calls for revocation instead, which ends those tokens too.
 */
export async function rotatePartnerSecret(ctx: Ctx, clientId: string): Promise<IssuedCredentials> {
  assertOperator(ctx.caller);
  const client = await clientById(ctx, clientId);
  if (client.revokedAt) throw new BadUserInputError("clientId", "the client was revoked; create a new one");
  const { secret, hash } = await newClientSecret();
  const changed = await ctx.em.transactional((em) =>
    em.nativeUpdate(
      PartnerClient,
      { id: client.id, revokedAt: null },
      { secretHash: hash, secretRotatedAt: now(), secretRotatedById: ctx.caller.sub },
    ),
  );
  if (changed === 0) throw new BadUserInputError("clientId", "the client was revoked; create a new one");
  return { client: await ctx.em.findOneOrFail(PartnerClient, client.id, { refresh: true }), clientSecret: secret };
}

/** Ends the client for good: no new token, and its tokens in flight refused by every subgraph. Idempotent. */
export async function revokePartnerClient(ctx: Ctx, clientId: string): Promise<PartnerClient> {
  assertOperator(ctx.caller);
  const client = await clientById(ctx, clientId);
  const ttl = ctx.services.tokens.accessTtlSeconds + REVOCATION_MARGIN_SECONDS;
  const revoked = await ctx.em.transactional(async (em) => {
    const changed = await em.nativeUpdate(
      PartnerClient,
      { id: client.id, revokedAt: null },
      { revokedAt: now(), revokedById: ctx.caller.sub },
    );
    // The client id is the `sid` of its tokens: the replicas refuse them like those of an ended session.
    if (changed > 0) enqueue(em, SESSION_REVOKED, sessionRevokedPayload(client.id, ttl));
    return changed > 0;
  });
  if (revoked) ctx.services.relay.kick();
  return ctx.em.findOneOrFail(PartnerClient, client.id, { refresh: true });
}

export async function listPartnerClients(ctx: Ctx, includeRevoked: boolean): Promise<PartnerClient[]> {
  assertOperator(ctx.caller);
  return ctx.em.find(PartnerClient, includeRevoked ? {} : { revokedAt: null }, { orderBy: { createdAt: "asc", id: "asc" } });
}
