/**
 * A notice about a student repeats their data (a grade's value, an absence): when that data is blocked,
 * telling a parent would be processing it for PARENT_NOTIFICATION, which a block forbids. Read from this
 * subgraph's replica of blocks (shared/privacy/blocks.ts).
 */
import type { EntityManager } from "@mikro-orm/core";
import { BlockedField } from "../../../shared/privacy/blocked-field.entity.js";

/** The names under which a block covers what a notice of each kind would say. */
export const GRADE_BLOCKS = ["User.grades", "Grade"] as const;
export const ATTENDANCE_BLOCKS = ["User.attendance", "AttendanceMark"] as const;

export async function isBlocked(em: EntityManager, subjectId: string, names: readonly string[]): Promise<boolean> {
  return (await em.count(BlockedField, { subjectId, field: { $in: [...names] } })) > 0;
}
