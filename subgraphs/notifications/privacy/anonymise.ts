/**
 * Anonymisation of one person in notifications. A notice's text names marks, absences and dates of a
 * child: it cannot be kept without identity, and it is no statistic. Notices addressed to the person and
 * notices about them are deleted, and so are the guardian links of or to them, their guardian row, the
 * copy of their name and their contacts replica.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { TableCounts } from "../../../shared/privacy/subgraph-privacy.js";
import { Contact, Guardian, GuardianLink, Notification, StudentName } from "../entities/index.js";

export async function anonymise(em: EntityManager, subjectId: string): Promise<TableCounts> {
  const notifications = await em.nativeDelete(Notification, { $or: [{ recipientId: subjectId }, { studentId: subjectId }] });
  const guardianLinks = await em.nativeDelete(GuardianLink, { $or: [{ guardianId: subjectId }, { studentId: subjectId }] });
  const guardians = await em.nativeDelete(Guardian, { id: subjectId });
  const studentNames = await em.nativeDelete(StudentName, { studentId: subjectId });
  const contacts = await em.nativeDelete(Contact, { recipientId: subjectId });
  return { notifications, guardian_links: guardianLinks, guardians, student_names: studentNames, contacts };
}
