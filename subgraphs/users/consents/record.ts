/**
 * Giving and withdrawing consents. Each change and its `users.consent.changed` event commit in one
 * transaction; rows are closed, never deleted, so the table keeps the whole history.
 */
import { randomUUID } from "node:crypto";
import { UniqueConstraintViolationException, type EntityManager } from "@mikro-orm/core";
import { enqueue } from "../../../shared/events/outbox.js";
import { Consent, inForceKey, type ConsentKind, type ConsentRelation } from "../entities/index.js";
import { CONSENT_CHANGED, type ConsentChanged } from "../events/consent-changed.js";
import { revokeSessionsOf } from "../sign-in/sessions.js";
import { ACCOUNT_CONSENTS } from "./rules.js";
import { now as clockNow } from "../../../shared/clock.js";

export interface Giving {
  subjectId: string;
  kind: ConsentKind;
  version: string;
  actorId: string;
  relation: ConsentRelation;
}

export interface Recorded {
  consent: Consent;
  /** False when nothing changed (this very version was in force already): no event was written. */
  changed: boolean;
}

function changedEvent(em: EntityManager, consent: Consent, given: boolean, actorId: string, at: Date): void {
  const event: ConsentChanged = {
    subjectId: consent.subjectId,
    kind: consent.kind,
    version: consent.version,
    given,
    givenBy: actorId,
    at: at.toISOString(),
  };
  enqueue(em, CONSENT_CHANGED, { ...event });
}

/**
 * Puts a consent in force. Giving the version already in force changes nothing; a consent to an older
 * version is closed (withdrawnAt = now) and the new one opened, so each row names one version.
 */
export async function recordGiving(em: EntityManager, giving: Giving): Promise<Recorded> {
  const key = inForceKey(giving.subjectId, giving.kind);
  try {
    return await em.transactional(async (tx) => {
      const now = clockNow();
      const current = await tx.findOne(Consent, { inForceKey: key });
      if (current?.version === giving.version) return { consent: current, changed: false };
      // Closed with a statement of its own before the insert, so the unique key is free when the new row lands.
      if (current)
        await tx.nativeUpdate(
          Consent,
          { id: current.id, inForceKey: key },
          { withdrawnAt: now, withdrawnById: giving.actorId, inForceKey: null },
        );
      const consent = tx.create(Consent, {
        id: randomUUID(),
        subjectId: giving.subjectId,
        kind: giving.kind,
        version: giving.version,
        givenById: giving.actorId,
        givenByRelation: giving.relation,
        givenAt: now,
        inForceKey: key,
      });
      tx.persist(consent);
      changedEvent(tx, consent, true, giving.actorId, now);
      return { consent, changed: true };
    });
  } catch (error) {
    // A concurrent giving won the unique key: that one stands, and this one changed nothing.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await em.fork().findOne(Consent, { inForceKey: key });
    if (!winner) throw error;
    return { consent: winner, changed: false };
  }
}

export interface Withdrawal {
  subjectId: string;
  kind: ConsentKind;
  actorId: string;
  /** Lifetime of the access tokens of the sessions a withdrawal of an account consent ends. */
  accessTtlSeconds: number;
}

/**
 * Closes the consent in force; null when none is. Withdrawing the user agreement or the privacy policy
 * also ends every session of the person in the same transaction: the account is not processed any more.
 */
export async function recordWithdrawal(em: EntityManager, withdrawal: Withdrawal): Promise<Consent | null> {
  return em.transactional(async (tx) => {
    const now = clockNow();
    const key = inForceKey(withdrawal.subjectId, withdrawal.kind);
    const current = await tx.findOne(Consent, { inForceKey: key });
    if (!current) return null;
    const closed = await tx.nativeUpdate(
      Consent,
      { id: current.id, inForceKey: key },
      { withdrawnAt: now, withdrawnById: withdrawal.actorId, inForceKey: null },
    );
    // Another request withdrew it a moment ago: that withdrawal stands, with its own event.
    if (closed === 0) return tx.findOneOrFail(Consent, { id: current.id }, { refresh: true });
    Object.assign(current, { withdrawnAt: now, withdrawnById: withdrawal.actorId, inForceKey: null });
    changedEvent(tx, current, false, withdrawal.actorId, now);
    if (ACCOUNT_CONSENTS.includes(withdrawal.kind)) await revokeSessionsOf(tx, withdrawal.subjectId, withdrawal.accessTtlSeconds);
    return current;
  });
}

/** The account consents that were withdrawn and are not in force again (one query). */
export async function withdrawnAccountConsents(em: EntityManager, subjectId: string): Promise<ConsentKind[]> {
  const rows = await em.find(Consent, { subjectId, kind: { $in: [...ACCOUNT_CONSENTS] } });
  return ACCOUNT_CONSENTS.filter((kind) => rows.some((r) => r.kind === kind) && !rows.some((r) => r.kind === kind && r.inForceKey));
}
