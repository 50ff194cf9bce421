/** The institutions subgraph's tables: territory, schools, classes, subjects, staff, enrolments, teaching. */
import {
  District,
  Enrolment,
  Region,
  School,
  SchoolClass,
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
}
