/** Keeps the roster replica current: a student who left is off the class from that day (no new marks for them). */
import type { EntityManager } from "@mikro-orm/core";
import type { EnrolmentEnded } from "../../../shared/privacy/subgraph-privacy.js";
import { RosterEntry } from "../entities/index.js";

export async function endRosterEntry(em: EntityManager, ended: Pick<EnrolmentEnded, "studentId" | "classId" | "endedOn">): Promise<void> {
  await em.nativeUpdate(
    RosterEntry,
    { studentId: ended.studentId, classId: ended.classId, $or: [{ endsOn: null }, { endsOn: { $gt: ended.endedOn } }] },
    { endsOn: ended.endedOn },
  );
}
