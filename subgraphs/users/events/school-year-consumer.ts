/**
 * Users' placements follow institutions' rollover (`institutions.school-year.promoted`), so claims at the
 * next sign-in name the new classes: each promoted student's enrolment placement moves to the new class
 * from the new year's first day, and carried teaching and homeroom become placements of the new classes.
 * The old classes' teaching and homeroom placements stay: their teachers still read the closed year.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { EventEnvelope } from "../../../shared/events/bus.js";
import { parseSchoolYearPromoted, SCHOOL_YEAR_PROMOTED } from "../../../shared/events/contracts/school-year.js";
import { consume } from "../../../shared/events/outbox.js";
import type { SubgraphDeps } from "../../../shared/federation/subgraph-module.js";
import { Placement } from "../entities/index.js";

const CONSUMER = "users";

export async function onSchoolYearPromoted(em: EntityManager, event: EventEnvelope): Promise<void> {
  const promoted = parseSchoolYearPromoted(event.payload);
  if (!promoted) return;
  const { schoolId, districtId, regionId, startsOn } = promoted;
  const blank = { role: null, subjectId: null, schoolId, districtId, regionId, endsOn: null };
  for (const e of promoted.enrolments) {
    await em.nativeUpdate(
      Placement,
      { kind: "ENROLMENT", userId: e.studentId, classId: e.fromClassId, $or: [{ endsOn: null }, { endsOn: { $gt: startsOn } }] },
      { endsOn: startsOn },
    );
    em.persist(em.create(Placement, { ...blank, id: e.enrolmentId, kind: "ENROLMENT", userId: e.studentId, classId: e.classId }));
  }
  for (const t of promoted.teaching) {
    em.persist(
      em.create(Placement, {
        ...blank,
        id: t.assignmentId,
        kind: "TEACHING",
        userId: t.teacherId,
        classId: t.classId,
        subjectId: t.subjectId,
      }),
    );
  }
  const held = await em.find(Placement, { kind: "HOMEROOM", classId: { $in: promoted.classes.map((c) => c.classId) } });
  for (const c of promoted.classes) {
    if (!c.homeroomTeacherId || held.some((h) => h.classId === c.classId && h.userId === c.homeroomTeacherId)) continue;
    // The class id names its homeroom row, as institutions has one homeroom teacher per class.
    const existing = held.find((h) => h.classId === c.classId);
    if (existing) existing.userId = c.homeroomTeacherId;
    else em.persist(em.create(Placement, { ...blank, id: c.classId, kind: "HOMEROOM", userId: c.homeroomTeacherId, classId: c.classId }));
  }
}

/** Subscribes users to the rollover; called once per process. */
export function followSchoolYears(deps: Pick<SubgraphDeps, "orm" | "bus">): void {
  consume(deps.orm, deps.bus, SCHOOL_YEAR_PROMOTED, CONSUMER, onSchoolYearPromoted);
}
