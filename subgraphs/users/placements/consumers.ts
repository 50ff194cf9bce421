/**
 * The placement replica follows institutions' setup events (shared/events/contracts/institutions.ts), so
 * claims at the next sign-in or refresh, and the relationships decided from placements right away, see new
 * enrolments, memberships, teaching and homeroom classes. Idempotent: each row reuses the id of the
 * institutions row it mirrors, and `consume` marks every event processed in the handler's transaction.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import {
  CLASS_PLACED,
  classPlacedSchema,
  ENROLMENT_CLOSED,
  ENROLMENT_STARTED,
  enrolmentClosedSchema,
  enrolmentStartedSchema,
  MEMBERSHIP_STARTED,
  membershipStartedSchema,
  parsePayload,
  TEACHING_ASSIGNED,
  teachingAssignedSchema,
} from "../../../shared/events/contracts/institutions.js";
import { consume } from "../../../shared/events/outbox.js";
import type { SubgraphDeps } from "../../../shared/federation/subgraph-module.js";
import { Placement } from "../entities/index.js";

const CONSUMER = "users";

async function upsert(em: EntityManager, row: Partial<Placement> & Pick<Placement, "id" | "kind" | "userId">): Promise<void> {
  const existing = await em.findOne(Placement, { id: row.id });
  if (existing) em.assign(existing, row);
  else em.persist(em.create(Placement, row));
}

export function registerPlacementConsumers(deps: Pick<SubgraphDeps, "orm" | "bus">): void {
  consume(deps.orm, deps.bus, ENROLMENT_STARTED, CONSUMER, async (em, event) => {
    const e = parsePayload(enrolmentStartedSchema, event.payload);
    if (!e) return;
    await upsert(em, {
      id: e.enrolmentId,
      kind: "ENROLMENT",
      userId: e.studentId,
      classId: e.classId,
      schoolId: e.schoolId,
      districtId: e.districtId,
      regionId: e.regionId,
      startsOn: e.startsOn,
      endsOn: null,
    });
  });

  consume(deps.orm, deps.bus, ENROLMENT_CLOSED, CONSUMER, async (em, event) => {
    const e = parsePayload(enrolmentClosedSchema, event.payload);
    if (!e) return;
    await em.nativeUpdate(
      Placement,
      { kind: "ENROLMENT", userId: e.studentId, classId: e.classId, $or: [{ endsOn: null }, { endsOn: { $gt: e.endedOn } }] },
      { endsOn: e.endedOn },
    );
  });

  consume(deps.orm, deps.bus, MEMBERSHIP_STARTED, CONSUMER, async (em, event) => {
    const m = parsePayload(membershipStartedSchema, event.payload);
    if (!m) return;
    await upsert(em, {
      id: m.membershipId,
      kind: "MEMBERSHIP",
      userId: m.userId,
      role: m.role,
      schoolId: m.schoolId,
      districtId: m.districtId,
      regionId: m.regionId,
      startsOn: m.startsOn,
      endsOn: null,
    });
  });

  consume(deps.orm, deps.bus, TEACHING_ASSIGNED, CONSUMER, async (em, event) => {
    const t = parsePayload(teachingAssignedSchema, event.payload);
    if (!t) return;
    await upsert(em, {
      id: t.assignmentId,
      kind: "TEACHING",
      userId: t.teacherId,
      classId: t.classId,
      subjectId: t.subjectId,
      schoolId: t.schoolId,
      districtId: t.districtId,
      regionId: t.regionId,
      startsOn: t.startsOn,
      endsOn: t.endsOn,
    });
  });

  // One homeroom teacher per class: the class's HOMEROOM row is replaced by the one named now.
  consume(deps.orm, deps.bus, CLASS_PLACED, CONSUMER, async (em, event) => {
    const c = parsePayload(classPlacedSchema, event.payload);
    if (!c) return;
    await em.nativeDelete(Placement, { kind: "HOMEROOM", classId: c.classId });
    if (!c.homeroomTeacherId) return;
    em.persist(
      em.create(Placement, {
        id: randomUUID(),
        kind: "HOMEROOM",
        userId: c.homeroomTeacherId,
        classId: c.classId,
        schoolId: c.schoolId,
        districtId: c.districtId,
        regionId: c.regionId,
      }),
    );
  });
}
