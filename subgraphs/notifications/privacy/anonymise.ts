/**
 * Anonymisation of one person in notifications. A notice's text names marks, absences and dates of a
 * child: it cannot be kept without identity, and it is no statistic. Notices addressed to the person and
 * notices about them are deleted with their deliveries, and so are the guardian links of or to them, their
 * guardian row (notice language, digest), the copy of their name, their contacts replica and their channel
 * preferences (a linked Telegram chat among them).
 */
import type { EntityManager } from "@mikro-orm/core";
import type { TableCounts } from "../../../shared/privacy/subgraph-privacy.js";
import { Contact, Delivery, Guardian, GuardianLink, Notification, NotificationPreference, StudentName } from "../entities/index.js";

export async function anonymise(em: EntityManager, subjectId: string): Promise<TableCounts> {
  const about = await em.find(Notification, { studentId: subjectId, recipientId: { $ne: subjectId } }, { fields: ["id"] });
  const deliveries = await em.nativeDelete(Delivery, {
    $or: [{ recipientId: subjectId }, ...(about.length ? [{ noticeId: { $in: about.map((n) => n.id) } }] : [])],
  });
  const notifications = await em.nativeDelete(Notification, { $or: [{ recipientId: subjectId }, { studentId: subjectId }] });
  const guardianLinks = await em.nativeDelete(GuardianLink, { $or: [{ guardianId: subjectId }, { studentId: subjectId }] });
  const guardians = await em.nativeDelete(Guardian, { id: subjectId });
  const studentNames = await em.nativeDelete(StudentName, { studentId: subjectId });
  const contacts = await em.nativeDelete(Contact, { recipientId: subjectId });
  const preferences = await em.nativeDelete(NotificationPreference, { recipientId: subjectId });
  return {
    notifications,
    guardian_links: guardianLinks,
    guardians,
    student_names: studentNames,
    contacts,
    deliveries,
    notification_preferences: preferences,
  };
}
