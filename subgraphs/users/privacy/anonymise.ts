/**
 * Anonymisation of one person in the users subgraph. The account row stays (its id keys the journal's
 * statistics, its role counts them) but nothing on it identifies anyone any more; the person can no
 * longer sign in, and every session of theirs ends in every subgraph through `users.session.revoked`.
 * Family links go: they are no statistic, and a parent still linked to an anonymised child would be a
 * key back to who the child was.
 */
import type { EntityManager } from "@mikro-orm/core";
import { SESSION_REVOKED, sessionRevokedPayload } from "../../../shared/auth/revocations.js";
import { enqueue } from "../../../shared/events/outbox.js";
import type { AnonymiseSettings, TableCounts } from "../../../shared/privacy/subgraph-privacy.js";
import { DataRequest, Guardianship, PasswordCredential, RefreshToken, SignInThrottle, User } from "../entities/index.js";
import { loginThrottleKey } from "../sign-in/throttle.js";
import { now as clockNow } from "../../../shared/clock.js";

/** What an anonymised person is called, in both scripts: a fixed marker, not a translation. */
export const ANONYMOUS_NAME = "Anonymised";

/** The login an anonymised account keeps: unique (the whole id) and free of the person's name. */
export const anonymousLogin = (userId: string): string => `anonymised-${userId}`;

/** Without the configured lifetime, a day: a replica then holds a revoked session longer than needed, never shorter. */
const FALLBACK_ACCESS_TTL_SECONDS = 24 * 3600;

/**
 * Ends every session of the person and deletes their refresh tokens, except the newest row of each
 * session ended less than an access-token lifetime ago: this subgraph refuses such a session's access
 * tokens by finding that revoked row (the other subgraphs keep replicas of the event). Returns the rows
 * changed.
 */
async function endSessions(em: EntityManager, userId: string, accessTtlSeconds: number): Promise<number> {
  const now = clockNow();
  const rows = await em.find(RefreshToken, { userId }, { orderBy: { createdAt: "desc", id: "asc" } });
  const live = new Set(rows.filter((r) => !r.revokedAt && r.expiresAt > now).map((r) => r.familyId));
  if (live.size > 0) {
    await em.nativeUpdate(RefreshToken, { familyId: { $in: [...live] }, revokedAt: null }, { revokedAt: now });
    for (const familyId of live) enqueue(em, SESSION_REVOKED, sessionRevokedPayload(familyId, accessTtlSeconds, now.getTime()));
  }
  const stillPresentable = now.getTime() - accessTtlSeconds * 1000;
  const markers = new Map<string, RefreshToken>();
  for (const row of rows) {
    const endedAt = live.has(row.familyId) ? now : row.revokedAt;
    if (endedAt && endedAt.getTime() > stillPresentable && !markers.has(row.familyId)) markers.set(row.familyId, row);
  }
  const kept = [...markers.values()].map((r) => r.id);
  const deleted = await em.nativeDelete(RefreshToken, { userId, id: { $nin: kept } });
  const revokedAndKept = [...markers.values()].filter((r) => live.has(r.familyId)).length;
  return deleted + revokedAndKept;
}

export async function anonymise(
  em: EntityManager,
  subjectId: string,
  settings: AnonymiseSettings = { accessTtlSeconds: FALLBACK_ACCESS_TTL_SECONDS },
): Promise<TableCounts> {
  const counts: TableCounts = {
    users: 0,
    password_credentials: 0,
    refresh_tokens: 0,
    sign_in_throttles: 0,
    guardianships: 0,
    data_requests: 0,
  };
  const user = await em.findOne(User, { id: subjectId });
  if (user) {
    const anonymous: Partial<User> = {
      login: anonymousLogin(user.id),
      fullName: ANONYMOUS_NAME,
      fullNameCyrl: ANONYMOUS_NAME,
      birthDate: null,
      gender: null,
      phone: null,
      email: null,
      pinfl: null,
      address: null,
    };
    const changed = Object.entries(anonymous).some(([field, value]) => (user[field as keyof User] ?? null) !== value);
    if (changed) {
      // The throttle rows name the old login (and, per pair, the addresses it signed in from).
      const account = loginThrottleKey(user.login);
      counts.sign_in_throttles = await em.nativeDelete(SignInThrottle, { $or: [{ key: account }, { account }] });
      em.assign(user, anonymous);
      await em.flush();
      counts.users = 1;
    }
  }
  counts.password_credentials = await em.nativeDelete(PasswordCredential, { userId: subjectId });
  counts.refresh_tokens = await endSessions(em, subjectId, settings.accessTtlSeconds);
  counts.guardianships = await em.nativeDelete(Guardianship, { $or: [{ parentId: subjectId }, { studentId: subjectId }] });
  // A rectification request keeps the values it asked for; the request and its steps stay as the record
  // of what was decided, the values go.
  counts.data_requests = await em.nativeUpdate(DataRequest, { subjectId, corrections: { $ne: null } }, { corrections: null });
  return counts;
}
