/**
 * Refresh tokens: opaque random strings of which only the SHA-256 is stored. Each use replaces the token
 * within its family (session); presenting an already replaced token revokes the whole family, because
 * either the client or a thief holds a copy that should not exist. A revoked family is also the end of
 * its access tokens (their `sid`): this subgraph sees that in its own table, the others hear of it
 * through `users.session.revoked`.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import { SESSION_REVOKED, sessionRevokedPayload, type RevocationCheck } from "../../../shared/auth/revocations.js";
import { UnauthenticatedError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { RefreshToken } from "../entities/index.js";
import { now, nowMs } from "../../../shared/clock.js";

const DAY_MS = 24 * 60 * 60 * 1000;

const hashOf = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

export interface IssuedRefresh {
  token: string;
  familyId: string;
  userId: string;
}

/** Persists a new refresh token (the caller flushes); a new family when none is given. */
export function issueRefreshToken(em: EntityManager, userId: string, ttlDays: number, familyId: string = randomUUID()): IssuedRefresh {
  const token = randomBytes(32).toString("base64url");
  em.persist(
    em.create(RefreshToken, {
      id: randomUUID(),
      userId,
      familyId,
      tokenHash: hashOf(token),
      expiresAt: new Date(nowMs() + ttlDays * DAY_MS),
    }),
  );
  return { token, familyId, userId };
}

/** What ending a session needs to know: how long its last access token may live, and who relays the event. */
export interface RevocationSettings {
  accessTtlSeconds: number;
  /** Called after the revocation committed, so the outbox relay sends the event now rather than on its next poll. */
  afterCommit?: () => void;
}

/**
 * Revokes the family and, in the same transaction, writes `users.session.revoked` to the outbox; nothing
 * when it was revoked already.
 */
async function revokeFamily(em: EntityManager, familyId: string, settings: RevocationSettings): Promise<void> {
  const revoked = await em.transactional(async (tx) => {
    const changed = await tx.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now() });
    if (changed > 0) enqueue(tx, SESSION_REVOKED, sessionRevokedPayload(familyId, settings.accessTtlSeconds));
    return changed > 0;
  });
  if (revoked) settings.afterCommit?.();
}

/**
 * Ends every live session of a person inside the caller's transaction, with one `users.session.revoked`
 * per family (the caller kicks the relay after commit). Returns how many sessions ended.
 */
export async function revokeSessionsOf(em: EntityManager, userId: string, accessTtlSeconds: number): Promise<number> {
  const live = await em.find(RefreshToken, { userId, revokedAt: null, expiresAt: { $gt: now() } });
  const families = [...new Set(live.map((t) => t.familyId))];
  if (families.length === 0) return 0;
  await em.nativeUpdate(RefreshToken, { familyId: { $in: families }, revokedAt: null }, { revokedAt: now() });
  for (const familyId of families) enqueue(em, SESSION_REVOKED, sessionRevokedPayload(familyId, accessTtlSeconds));
  return families.length;
}

/** This subgraph's own check: an indexed lookup of a revoked token of the family. */
export function sessionRevocationCheck(orm: MikroORM): RevocationCheck {
  return async (sid) => (await orm.em.fork().count(RefreshToken, { familyId: sid, revokedAt: { $ne: null } })) > 0;
}

/**
 * Exchanges a refresh token for its successor. The "used" mark is a conditional update, so of two
 * concurrent refreshes with the same token only one wins and the other counts as reuse.
 */
export async function rotateRefreshToken(
  em: EntityManager,
  presented: string,
  ttlDays: number,
  revocation: RevocationSettings,
): Promise<IssuedRefresh> {
  const invalid = new UnauthenticatedError("The refresh token is not valid", 401);
  const row = await em.findOne(RefreshToken, { tokenHash: hashOf(presented) });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= nowMs()) throw invalid;
  const claimed = row.usedAt ? 0 : await em.nativeUpdate(RefreshToken, { id: row.id, usedAt: null }, { usedAt: now() });
  if (claimed === 0) {
    await revokeFamily(em, row.familyId, revocation);
    throw invalid;
  }
  return issueRefreshToken(em, row.userId, ttlDays, row.familyId);
}

/** Ends the session the token belongs to; false when the token is unknown. */
export async function revokeSession(em: EntityManager, presented: string, revocation: RevocationSettings): Promise<boolean> {
  const row = await em.findOne(RefreshToken, { tokenHash: hashOf(presented) });
  if (!row) return false;
  await revokeFamily(em, row.familyId, revocation);
  return true;
}
