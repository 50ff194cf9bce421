/**
 * Institutions holds nothing that identifies a person beyond their id: enrolments, memberships and
 * teaching assignments are ids and dates. They stay, so class sizes and who-taught-what survive as
 * statistics; the id leads nowhere once users has anonymised the account. Nothing changes here, and the
 * counts say so rather than pretend.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { TableCounts } from "../../../shared/privacy/subgraph-privacy.js";

export async function anonymise(_em: EntityManager, _subjectId: string): Promise<TableCounts> {
  return { enrolments: 0, staff_memberships: 0, teaching_assignments: 0 };
}
