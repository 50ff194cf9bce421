/**
 * Linking a parent or legal representative to a student, and unlinking: the school's administration
 * keeps this (from documents brought to the school), for the students of its own school. Each change and
 * its `users.guardianship.changed` event commit in one transaction. An operation permission, like
 * recording marks; what the caller then reads of the people is decided by @personalData.
 */
import { randomUUID } from "node:crypto";
import { UniqueConstraintViolationException, type EntityManager } from "@mikro-orm/core";
import type { Caller } from "../../../shared/auth/claims.js";
import { claimsChanged } from "../../../shared/auth/claims-generation.js";
import { adminSchoolOf } from "../../../shared/auth/relationships.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { Consent, Guardianship, Placement, User, inForceKey } from "../entities/index.js";
import { GUARDIANSHIP_CHANGED, type GuardianshipChanged } from "../events/guardianship-changed.js";
import { currentPlacements } from "../loaders/index.js";

export const GUARDIAN_RELATIONS = ["mother", "father", "guardian"] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

/** The student, if the caller is the administration of a school the student is enrolled at now. */
async function studentOfCallersSchool(em: EntityManager, caller: Caller, studentId: string): Promise<User> {
  const schoolId = adminSchoolOf(caller);
  if (!schoolId) throw new ForbiddenError("Guardianships are kept by the administration of the student's school");
  const student = await em.findOne(User, { id: studentId });
  if (!student || student.role !== "STUDENT") throw new NotFoundError("Student");
  const enrolled = await em.count(Placement, {
    userId: studentId,
    kind: "ENROLMENT",
    schoolId,
    ...currentPlacements(),
  });
  // Not theirs to know about: as if it did not exist.
  if (enrolled === 0) throw new NotFoundError("Student");
  return student;
}

/** The guardian's consent to notices as it stands: in force, or when it was last withdrawn. */
async function noticeConsent(em: EntityManager, guardianId: string): Promise<{ notify: boolean; changedAt: Date | null }> {
  const inForce = await em.findOne(Consent, { inForceKey: inForceKey(guardianId, "PARENT_NOTIFICATIONS") });
  if (inForce) return { notify: true, changedAt: inForce.givenAt };
  const last = await em.findOne(
    Consent,
    { subjectId: guardianId, kind: "PARENT_NOTIFICATIONS", withdrawnAt: { $ne: null } },
    { orderBy: { withdrawnAt: "desc" } },
  );
  return { notify: false, changedAt: last?.withdrawnAt ?? null };
}

async function changedEvent(em: EntityManager, link: Guardianship, guardian: User, linked: boolean): Promise<void> {
  const consent = await noticeConsent(em, guardian.id);
  const event: GuardianshipChanged = {
    guardianshipId: link.id,
    studentId: link.studentId,
    guardianId: link.parentId,
    linked,
    relation: link.relation,
    locale: guardian.locale,
    notify: consent.notify,
    consentChangedAt: consent.changedAt?.toISOString() ?? null,
  };
  enqueue(em, GUARDIANSHIP_CHANGED, { ...event });
}

export interface LinkResult {
  student: User;
  /** False when the link existed already (nothing written, no event). */
  changed: boolean;
}

export async function linkGuardian(
  em: EntityManager,
  caller: Caller,
  input: { studentId: string; parentId: string; relation: GuardianRelation },
): Promise<LinkResult> {
  const student = await studentOfCallersSchool(em, caller, input.studentId);
  const parent = await em.findOne(User, { id: input.parentId });
  if (!parent) throw new NotFoundError("User");
  if (parent.role !== "PARENT") throw new BadUserInputError("parentId", "a guardian is an account with the PARENT role");
  try {
    return await em.transactional(async (tx) => {
      if (await tx.findOne(Guardianship, { parentId: parent.id, studentId: student.id })) return { student, changed: false };
      const link = tx.create(Guardianship, { id: randomUUID(), parentId: parent.id, studentId: student.id, relation: input.relation });
      tx.persist(link);
      await changedEvent(tx, link, parent, true);
      await claimsChanged(tx, [parent.id]);
      return { student, changed: true };
    });
  } catch (error) {
    // A concurrent link of the same pair won: that one stands, with its event.
    if (error instanceof UniqueConstraintViolationException) return { student, changed: false };
    throw error;
  }
}

export async function unlinkGuardian(
  em: EntityManager,
  caller: Caller,
  input: { studentId: string; parentId: string },
): Promise<LinkResult> {
  const student = await studentOfCallersSchool(em, caller, input.studentId);
  return em.transactional(async (tx) => {
    const link = await tx.findOne(Guardianship, { parentId: input.parentId, studentId: student.id });
    if (!link) throw new NotFoundError("Guardianship");
    const parent = await tx.findOneOrFail(User, { id: link.parentId });
    await changedEvent(tx, link, parent, false);
    // The parent's token names the child until it is refreshed: from now on it is refused instead.
    await claimsChanged(tx, [parent.id]);
    tx.remove(link);
    return { student, changed: true };
  });
}
