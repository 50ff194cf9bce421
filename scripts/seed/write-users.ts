/**
 * The users subgraph's tables: accounts, password credentials, guardianships, consents, and the placements it
 * replicates from institutions to compute token claims at sign-in (ENROLMENT, MEMBERSHIP, TEACHING,
 * HOMEROOM). A replica row reuses the id of the institutions row it mirrors (the class id for HOMEROOM),
 * as the event consumers that keep it current would.
 */
import { Consent, Guardianship, PasswordCredential, Placement, User } from "../../subgraphs/users/entities/index.js";
import { addDays, tashkentInstant } from "./calendar.js";
import type { BulkWriter } from "./bulk.js";
import { consentRowsOf } from "./consents.js";
import type { SchoolRow, World } from "./world.js";

/** The placement rows institutions' events would have produced for this world. */
export function placementsOf(world: World) {
  const schools = new Map<string, SchoolRow>(world.schools.map((s) => [s.id, s]));
  const classes = new Map(world.classes.map((c) => [c.id, c]));
  const placeOfClass = (classId: string) => {
    const school = schools.get(classes.get(classId)!.schoolId)!;
    return { classId, schoolId: school.id, districtId: school.districtId, regionId: school.regionId };
  };
  const blank = { role: null, classId: null, subjectId: null, schoolId: null, districtId: null, regionId: null, endsOn: null };
  return [
    ...world.enrolments.map((e) => ({
      ...blank,
      id: e.id,
      kind: "ENROLMENT" as const,
      userId: e.studentId,
      ...placeOfClass(e.classId),
      endsOn: e.endsOn,
    })),
    ...world.memberships.map((m) => ({
      ...blank,
      id: m.id,
      kind: "MEMBERSHIP" as const,
      userId: m.userId,
      role: m.role,
      schoolId: m.schoolId,
      districtId: m.districtId,
      regionId: m.regionId,
      endsOn: m.endsOn,
    })),
    ...world.assignments.map((a) => ({
      ...blank,
      id: a.id,
      kind: "TEACHING" as const,
      userId: a.teacherId,
      ...placeOfClass(a.classId),
      subjectId: a.subjectId,
    })),
    ...world.classes
      .filter((c) => c.homeroomTeacherId)
      .map((c) => ({ ...blank, id: c.id, kind: "HOMEROOM" as const, userId: c.homeroomTeacherId!, ...placeOfClass(c.id) })),
  ];
}

export async function writeUsers(out: BulkWriter, world: World): Promise<void> {
  await out.insert(User, world.users);
  // Only accounts meant to sign in get a credential (the demo accounts, or a large world seeded with a
  // password); the generated people of a demo world are there to be looked at, not to sign in.
  const updatedAt = tashkentInstant(addDays(world.year.startsOn, -8), 9);
  await out.insert(
    PasswordCredential,
    [...world.credentials].map(([userId, hash]) => ({ userId, hash, updatedAt })),
  );
  await out.insert(Guardianship, world.guardianships);
  await out.insert(Placement, placementsOf(world));
  await out.insert(Consent, consentRowsOf(world));
}
