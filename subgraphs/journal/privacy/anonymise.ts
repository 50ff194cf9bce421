/**
 * Anonymisation of one person in the journal. Marks and attendance are the statistics the policy keeps:
 * their rows stay with values, statuses and dates. What a teacher wrote about the person goes (a mark's
 * comment, an absence's reason), and ILLNESS, health data, becomes the excused absence it falls under
 * for everyone without the sensitive category, so attendance counts survive and no diagnosis does.
 * A teacher's id on lessons and on the marks they recorded is no more than an id: nothing to do.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { TableCounts } from "../../../shared/privacy/subgraph-privacy.js";
import { AttendanceMark, Grade } from "../entities/index.js";

/** Statuses that are sensitive data, and the general status each is kept as. */
const GENERALISED = { ILLNESS: "ABSENT_EXCUSED" } as const;

export async function anonymise(em: EntityManager, subjectId: string): Promise<TableCounts> {
  const grades = await em.nativeUpdate(Grade, { studentId: subjectId, comment: { $ne: null } }, { comment: null });
  let attendance = 0;
  for (const [status, general] of Object.entries(GENERALISED)) {
    attendance += await em.nativeUpdate(
      AttendanceMark,
      { studentId: subjectId, status: status as "ILLNESS" },
      { status: general, reason: null },
    );
  }
  attendance += await em.nativeUpdate(AttendanceMark, { studentId: subjectId, reason: { $ne: null } }, { reason: null });
  return { grades, attendance_marks: attendance };
}
