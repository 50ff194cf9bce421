/**
 * The journal's replicas of institutions follow its setup events (shared/events/contracts/institutions.ts):
 * where each class sits and who leads it, the class rosters with their dates, and who teaches what when.
 * Idempotent: rows reuse the ids of the institutions rows they mirror.
 */
import type { EntityManager } from "@mikro-orm/core";
import {
  CLASS_PLACED,
  classPlacedSchema,
  ENROLMENT_CLOSED,
  ENROLMENT_STARTED,
  enrolmentClosedSchema,
  enrolmentStartedSchema,
  parsePayload,
  TEACHING_ASSIGNED,
  teachingAssignedSchema,
} from "../../../shared/events/contracts/institutions.js";
import { consume } from "../../../shared/events/outbox.js";
import type { SubgraphDeps } from "../../../shared/federation/subgraph-module.js";
import { ClassPlace, RosterEntry, TeachingReplica } from "../entities/index.js";
import { endRosterEntry } from "../privacy/roster.js";

const CONSUMER = "journal";

async function upsert<T extends object>(em: EntityManager, entity: new () => T, where: Partial<T>, row: Partial<T>): Promise<void> {
  const existing = await em.findOne(entity, where as never);
  if (existing) em.assign(existing, row as never);
  else em.persist(em.create(entity, { ...where, ...row } as never));
}

export function registerInstitutionsConsumers(deps: Pick<SubgraphDeps, "orm" | "bus">): void {
  consume(deps.orm, deps.bus, CLASS_PLACED, CONSUMER, async (em, event) => {
    const c = parsePayload(classPlacedSchema, event.payload);
    if (!c) return;
    const { classId, schoolId, districtId, regionId, gradeLevel, homeroomTeacherId } = c;
    await upsert(em, ClassPlace, { classId }, { schoolId, districtId, regionId, gradeLevel, homeroomTeacherId });
  });

  consume(deps.orm, deps.bus, ENROLMENT_STARTED, CONSUMER, async (em, event) => {
    const e = parsePayload(enrolmentStartedSchema, event.payload);
    if (!e) return;
    await upsert(
      em,
      RosterEntry,
      { id: e.enrolmentId },
      { classId: e.classId, studentId: e.studentId, startsOn: e.startsOn, endsOn: null },
    );
  });

  consume(deps.orm, deps.bus, ENROLMENT_CLOSED, CONSUMER, async (em, event) => {
    const e = parsePayload(enrolmentClosedSchema, event.payload);
    if (e) await endRosterEntry(em, e);
  });

  consume(deps.orm, deps.bus, TEACHING_ASSIGNED, CONSUMER, async (em, event) => {
    const t = parsePayload(teachingAssignedSchema, event.payload);
    if (!t) return;
    const { teacherId, classId, subjectId, startsOn, endsOn } = t;
    await upsert(em, TeachingReplica, { id: t.assignmentId }, { teacherId, classId, subjectId, startsOn, endsOn });
  });
}
