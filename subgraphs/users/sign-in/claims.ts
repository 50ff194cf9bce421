/**
 * Access-token claims from data this subgraph owns (guardianships) or replicates (placements), so that
 * sign-in never waits on another subgraph. Three queries per sign-in, whatever the person's role.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { AccessClaims } from "../../../shared/auth/claims.js";
import { claimsGenerationOf } from "../../../shared/auth/claims-generation.js";
import { ROLE_PURPOSES } from "../../../shared/auth/roles.js";
import { Guardianship, Placement, type User } from "../entities/index.js";
import { currentPlacements } from "../loaders/index.js";

const unique = (values: Array<string | undefined | null>): string[] => [...new Set(values.filter((v): v is string => !!v))];

export async function computeClaims(em: EntityManager, user: User, sid: string): Promise<AccessClaims> {
  // Before the facts: a change committing meanwhile leaves this token one generation behind, so refused.
  const gen = await claimsGenerationOf(em, user.id);
  const [own, links] = await Promise.all([
    em.find(Placement, { userId: user.id, ...currentPlacements() }),
    user.role === "PARENT" ? em.find(Guardianship, { parentId: user.id }, { orderBy: { createdAt: "asc" } }) : Promise.resolve([]),
  ]);
  const children = unique(links.map((g) => g.studentId));
  const childPlacements = children.length
    ? await em.find(Placement, { userId: { $in: children }, kind: "ENROLMENT", ...currentPlacements() })
    : [];

  const of = (kind: Placement["kind"]): Placement[] => own.filter((p) => p.kind === kind);
  const enrolments = of("ENROLMENT");
  const teaching = of("TEACHING").filter((p) => p.classId && p.subjectId);
  const homeroom = unique(of("HOMEROOM").map((p) => p.classId));
  // Staff belong where they work; a student where they study; a parent has no org of their own.
  const home = of("MEMBERSHIP")[0] ?? enrolments[0];
  const org: AccessClaims["org"] = {};
  if (home?.regionId) org.regionId = home.regionId;
  if (home?.districtId) org.districtId = home.districtId;
  if (home?.schoolId) org.schoolId = home.schoolId;

  return {
    sub: user.id,
    role: user.role,
    locale: user.locale,
    org,
    classes: user.role === "STUDENT" ? unique(enrolments.map((p) => p.classId)) : unique([...teaching.map((p) => p.classId), ...homeroom]),
    teaching: teaching.map((p) => [p.classId!, p.subjectId!] as [string, string]),
    homeroom,
    children,
    childClasses: unique(childPlacements.map((p) => p.classId)),
    purposes: [...ROLE_PURPOSES[user.role]],
    sid,
    ...(gen > 0 ? { gen } : {}),
  };
}
