/**
 * The guardian read-model: who is told about which student (GuardianLink), whether they consented, in
 * which language (Guardian, per person), and students' names (StudentName), from the users subgraph's
 * events. Each fact carries the instant it changed and an older one never overwrites a newer one, so
 * events of different topics may arrive in any order. The Guardian row is the memory; its notify and
 * locale are copied onto every link of the guardian, which is what notices are written from.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import type { Locale } from "../../../shared/i18n/locale.js";
import { Contact, Guardian, GuardianLink, StudentName } from "../entities/index.js";
import { asLocale } from "../templates/text.js";

const newer = (at: Date, than: Date | null | undefined): boolean => !than || than.getTime() < at.getTime();

/** The language notices to this guardian are written in: the notice preference, else the profile's. */
export const noticeLocale = (guardian: Guardian): Locale => asLocale(guardian.language ?? guardian.locale);

/**
 * The guardian's row; a new one starts from the locale their links carry (or the contacts replica's),
 * not yet known to be current, so the next dated profile fact wins.
 */
export async function guardianRow(em: EntityManager, guardianId: string): Promise<Guardian> {
  const found = await em.findOne(Guardian, { id: guardianId });
  if (found) return found;
  const link = await em.findOne(GuardianLink, { guardianId });
  const contact = link ? null : await em.findOne(Contact, { recipientId: guardianId });
  const guardian = em.create(Guardian, { id: guardianId, locale: link?.locale ?? contact?.locale ?? "UZ_LATN" });
  em.persist(guardian);
  return guardian;
}

/** A consent to notices given or withdrawn at `at` (users.consent.changed). */
export async function applyConsent(em: EntityManager, guardianId: string, given: boolean, at: Date): Promise<void> {
  const guardian = await guardianRow(em, guardianId);
  if (newer(at, guardian.consentChangedAt)) {
    guardian.notify = given;
    guardian.consentChangedAt = at;
  }
  // Per link as well: a link written by the seed or by an older version may carry its own, newer instant.
  await em.nativeUpdate(
    GuardianLink,
    { guardianId, $or: [{ consentChangedAt: null }, { consentChangedAt: { $lt: at } }] },
    { notify: given, consentChangedAt: at },
  );
}

export interface ProfileChange {
  userId: string;
  locale?: Locale;
  /** Present for students only: the name notices about them use. */
  fullNameLatn?: string;
  fullNameCyrl?: string | null;
}

/** A profile's locale or a student's name changed at `at` (users.profile.changed). */
export async function applyProfile(em: EntityManager, change: ProfileChange, at: Date): Promise<void> {
  if (change.locale) {
    const contact = await em.findOne(Contact, { recipientId: change.userId });
    if (contact) contact.locale = change.locale;
    else em.persist(em.create(Contact, { recipientId: change.userId, locale: change.locale }));
    const guardian = await em.findOne(Guardian, { id: change.userId });
    if (guardian && newer(at, guardian.profileChangedAt)) {
      guardian.locale = change.locale;
      guardian.profileChangedAt = at;
      await em.nativeUpdate(GuardianLink, { guardianId: guardian.id }, { locale: noticeLocale(guardian) });
    } else if (!guardian) {
      // Links from before this read-model kept a row per guardian (or seeded without one) follow too.
      await em.nativeUpdate(GuardianLink, { guardianId: change.userId }, { locale: change.locale });
    }
  }
  if (change.fullNameLatn) {
    const name = await em.findOne(StudentName, { studentId: change.userId });
    if (!name) {
      em.persist(
        em.create(StudentName, { studentId: change.userId, latn: change.fullNameLatn, cyrl: change.fullNameCyrl ?? null, changedAt: at }),
      );
    } else if (newer(at, name.changedAt)) {
      name.latn = change.fullNameLatn;
      name.cyrl = change.fullNameCyrl ?? null;
      name.changedAt = at;
    }
  }
}

export interface GuardianshipChange {
  studentId: string;
  guardianId: string;
  linked: boolean;
  /** users' guardianship id, reused as the link's (as the seed does). */
  guardianshipId?: string;
  /** The guardian's state in users when the link was made: bootstraps a guardian not seen before. */
  locale?: Locale;
  notify?: boolean;
  consentChangedAt?: Date | null;
}

/** A guardian linked to or unlinked from a student at `at` (users.guardianship.changed). */
export async function applyGuardianship(em: EntityManager, change: GuardianshipChange, at: Date): Promise<void> {
  const { studentId, guardianId } = change;
  if (!change.linked) {
    await em.nativeDelete(GuardianLink, { studentId, guardianId });
    return;
  }
  const guardian = await guardianRow(em, guardianId);
  // What users knew at `at` wins over what we hold only where ours is older (or unknown).
  if (change.notify !== undefined && change.consentChangedAt && newer(change.consentChangedAt, guardian.consentChangedAt)) {
    guardian.notify = change.notify;
    guardian.consentChangedAt = change.consentChangedAt;
  }
  if (change.locale && newer(at, guardian.profileChangedAt)) {
    guardian.locale = change.locale;
    guardian.profileChangedAt = at;
  }
  const link =
    (await em.findOne(GuardianLink, { studentId, guardianId })) ??
    em.create(GuardianLink, { id: change.guardianshipId ?? randomUUID(), studentId, guardianId });
  link.notify = guardian.notify;
  link.consentChangedAt = guardian.consentChangedAt ?? null;
  link.locale = noticeLocale(guardian);
  em.persist(link);
}

/** Each recipient's notice language: what their links carry (kept current), else their Guardian row, else the contacts replica. */
export async function recipientLocales(em: EntityManager, ids: readonly string[]): Promise<Map<string, Locale>> {
  const out = new Map<string, Locale>();
  if (ids.length === 0) return out;
  for (const contact of await em.find(Contact, { recipientId: { $in: [...ids] } })) out.set(contact.recipientId, asLocale(contact.locale));
  for (const guardian of await em.find(Guardian, { id: { $in: [...ids] } })) out.set(guardian.id, noticeLocale(guardian));
  for (const link of await em.find(GuardianLink, { guardianId: { $in: [...ids] } })) out.set(link.guardianId, asLocale(link.locale));
  return out;
}
