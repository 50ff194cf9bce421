/**
 * Keeps the placement replica current when institutions reports a leaving, so sign-in claims stop
 * listing the class or school from the day the person left (placements are read with their end date).
 * Every change of a placement raises the claims generation of the people whose claims it feeds
 * (shared/auth/claims-generation.ts): tokens issued before it are refused and refreshed.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { EmploymentEnded, EnrolmentEnded } from "../../../shared/privacy/subgraph-privacy.js";
import { claimsChanged } from "../../../shared/auth/claims-generation.js";
import { Guardianship, Placement } from "../entities/index.js";

/** Rows not ended yet, or ended later than `day` (an earlier end wins). */
const openAfter = (day: string) => ({ $or: [{ endsOn: null }, { endsOn: { $gt: day } }] });

export async function endEnrolmentPlacement(em: EntityManager, ended: EnrolmentEnded): Promise<void> {
  await em.nativeUpdate(
    Placement,
    { kind: "ENROLMENT", userId: ended.studentId, classId: ended.classId, ...openAfter(ended.endedOn) },
    { endsOn: ended.endedOn },
  );
  // The student's classes and their guardians' childClasses change: their tokens are refreshed on next use.
  const guardians = await em.find(Guardianship, { studentId: ended.studentId }, { fields: ["parentId"] });
  await claimsChanged(em, [ended.studentId, ...guardians.map((g) => g.parentId)]);
}

/** The membership and, with it, the teaching and homeroom placements at that school end. */
export async function endEmploymentPlacements(em: EntityManager, ended: EmploymentEnded): Promise<void> {
  await em.nativeUpdate(
    Placement,
    {
      kind: { $in: ["MEMBERSHIP", "TEACHING", "HOMEROOM"] },
      userId: ended.userId,
      ...(ended.schoolId ? { schoolId: ended.schoolId } : {}),
      ...openAfter(ended.endedOn),
    },
    { endsOn: ended.endedOn },
  );
  await claimsChanged(em, [ended.userId]);
}
