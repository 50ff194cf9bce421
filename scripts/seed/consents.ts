/**
 * The consents a seeded world starts with, so it is consistent from the first sign-in: everyone has the
 * user agreement and the privacy policy in force (a minor's given by their first guardian), every parent
 * PARENT_NOTIFICATIONS, all to the world's policy version, given when the accounts were created.
 */
import { inForceKey, type Consent, type ConsentKind } from "../../subgraphs/users/entities/index.js";
import { isMinor } from "../../subgraphs/users/consents/rules.js";
import type { World } from "./world.js";

type ConsentRow = Pick<
  Consent,
  "id" | "subjectId" | "kind" | "version" | "givenById" | "givenByRelation" | "givenAt" | "withdrawnAt" | "withdrawnById" | "inForceKey"
>;

/** Consent rows of the world; ids come from the world's own stream, so a seed gives the same rows each time. */
export function consentRowsOf(world: World): ConsentRow[] {
  const ids = world.journalRandom.fork("consents");
  const firstGuardian = new Map<string, string>();
  for (const g of world.guardianships) if (!firstGuardian.has(g.studentId)) firstGuardian.set(g.studentId, g.parentId);

  const rows: ConsentRow[] = [];
  for (const user of world.users) {
    const minor = isMinor(user, world.today);
    const giver = minor ? firstGuardian.get(user.id) : user.id;
    // A minor with no guardian on record has nobody to consent for them: nothing is invented.
    if (!giver) continue;
    const kinds: ConsentKind[] = ["USER_AGREEMENT", "PRIVACY_POLICY"];
    if (user.role === "PARENT") kinds.push("PARENT_NOTIFICATIONS");
    for (const kind of kinds) {
      rows.push({
        id: ids.uuid(),
        subjectId: user.id,
        kind,
        version: world.policyVersion,
        givenById: giver,
        givenByRelation: minor ? "GUARDIAN" : "SELF",
        givenAt: user.createdAt,
        withdrawnAt: null,
        withdrawnById: null,
        inForceKey: inForceKey(user.id, kind),
      });
    }
  }
  return rows;
}

/** When each parent's consent to notices was given: the notifications replica starts from the same fact. */
export const noticeConsentsOf = (rows: readonly ConsentRow[]): Map<string, Date> =>
  new Map(rows.filter((r) => r.kind === "PARENT_NOTIFICATIONS").map((r) => [r.subjectId, r.givenAt]));
