/**
 * Refresh tokens: opaque random strings of which only the SHA-256 is stored. Each use replaces the token
 * within its family (session); presenting an already replaced token revokes the whole family, because
 * either the client or a thief holds a copy that should not exist.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { UnauthenticatedError } from "../../../shared/errors.js";
import { RefreshToken } from "../entities/index.js";

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
      expiresAt: new Date(Date.now() + ttlDays * DAY_MS),
    }),
  );
  return { token, familyId, userId };
}

async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
}

/**
 * Exchanges a refresh token for its successor. The "used" mark is a conditional update, so of two
 * concurrent refreshes with the same token only one wins and the other counts as reuse.
 */
export async function rotateRefreshToken(em: EntityManager, presented: string, ttlDays: number): Promise<IssuedRefresh> {
  const invalid = new UnauthenticatedError("The refresh token is not valid", 401);
  const row = await em.findOne(RefreshToken, { tokenHash: hashOf(presented) });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw invalid;
  const claimed = row.usedAt ? 0 : await em.nativeUpdate(RefreshToken, { id: row.id, usedAt: null }, { usedAt: new Date() });
  if (claimed === 0) {
    await revokeFamily(em, row.familyId);
    throw invalid;
  }
  return issueRefreshToken(em, row.userId, ttlDays, row.familyId);
}

/** Ends the session the token belongs to; false when the token is unknown. */
export async function revokeSession(em: EntityManager, presented: string): Promise<boolean> {
  const row = await em.findOne(RefreshToken, { tokenHash: hashOf(presented) });
  if (!row) return false;
  await revokeFamily(em, row.familyId);
  return true;
}
