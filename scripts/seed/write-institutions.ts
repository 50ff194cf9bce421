/** The institutions subgraph's tables: territory, schools, classes, subjects, staff, enrolments, teaching. */
import { randomUUID } from "node:crypto";
import {
  District,
  Enrolment,
  Region,
  School,
  SchoolClass,
  SchoolSubject,
  StaffMembership,
  Subject,
  TeachingAssignment,
} from "../../subgraphs/institutions/entities/index.js";
import type { BulkWriter } from "./bulk.js";
import type { World } from "./world.js";

export async function writeInstitutions(out: BulkWriter, world: World): Promise<void> {
  const fresh = <T extends { id: string }>(rows: T[]) => rows.filter((r) => !world.existing.has(r.id));
  await out.insert(Region, fresh(world.regions));
  await out.insert(District, fresh(world.districts));
  await out.insert(
    Subject,
    fresh(world.subjects).map((s) => ({ id: s.id, nameLatn: s.nameLatn, nameRu: s.nameRu })),
  );
  await out.insert(School, world.schools);
  await out.insert(SchoolClass, world.classes);
  await out.insert(StaffMembership, world.memberships);
  await out.insert(Enrolment, world.enrolments);
  await out.insert(TeachingAssignment, world.assignments);
  // Each school has chosen the subjects it teaches (what assignTeacher checks against).
  const schoolOf = new Map(world.classes.map((c) => [c.id, c.schoolId]));
  const chosen = new Set(world.assignments.map((a) => `${schoolOf.get(a.classId)}|${a.subjectId}`));
  await out.insert(
    SchoolSubject,
    [...chosen].map((pair) => {
      const [schoolId, subjectId] = pair.split("|") as [string, string];
      return { id: randomUUID(), schoolId, subjectId };
    }),
  );
}
