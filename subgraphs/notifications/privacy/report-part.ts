/**
 * The notifications subgraph's share of a subject's personal-data report: the notices addressed to them
 * and the notices about them (a student's marks told to their parents; a parent reading a child's report
 * sees only those sent to them, as the other parent's mail is that parent's), and the guardian links kept to
 * address those notices, the guardian's notice settings (language, digest), the copy of a student's name the
 * notices use, the copy of their contacts the notices go out through, and their channel preferences (a linked
 * Telegram chat among them) with the deliveries made of their notices.
 */
import { seesCorrespondence } from "../../../shared/privacy/report-access.js";
import { reportPart } from "../../../shared/privacy/report-part.js";
import type { PersonalDataItemType } from "../../../shared/privacy/report-types.js";
import type { NotificationsContext } from "../context.js";
import { Contact, Delivery, Guardian, GuardianLink, Notification, NotificationPreference, StudentName } from "../entities/index.js";
import { MESSAGE_PURPOSES } from "../types/index.js";
import { PREFERENCE_PURPOSES } from "../types/preferences.js";

async function items(ctx: NotificationsContext, subjectId: string): Promise<PersonalDataItemType[]> {
  const [notices, links, contact, guardian, name, prefs, deliveries] = await Promise.all([
    ctx.em.find(Notification, { $or: [{ recipientId: subjectId }, { studentId: subjectId }] }, { orderBy: { createdAt: "asc" } }),
    ctx.em.find(GuardianLink, { $or: [{ guardianId: subjectId }, { studentId: subjectId }] }),
    ctx.em.findOne(Contact, { recipientId: subjectId }),
    ctx.em.findOne(Guardian, { id: subjectId }),
    ctx.em.findOne(StudentName, { studentId: subjectId }),
    ctx.em.findOne(NotificationPreference, { recipientId: subjectId }),
    ctx.em.find(Delivery, { recipientId: subjectId }, { orderBy: { createdAt: "asc" } }),
  ]);
  const sees = await seesCorrespondence(ctx, subjectId);
  const out: PersonalDataItemType[] = notices
    .filter((n) => sees(n.recipientId))
    .map((n) => ({
      field: n.recipientId === subjectId ? "User.notifications" : "Notification.student",
      category: "messages",
      value: `${n.kind} ${n.createdAt.toISOString()}: ${n.title}`,
      source: `Notice generated from journal event ${n.sourceEventId}`,
      purposes: [...MESSAGE_PURPOSES],
    }));
  for (const link of links) {
    out.push({
      field: "GuardianLink",
      category: "family",
      value:
        link.guardianId === subjectId
          ? `guardian of student ${link.studentId}, notices in ${link.locale}${link.notify ? "" : ", notices off"}`
          : `guardian ${link.guardianId} is told about this student`,
      source: "Replica of the users subgraph's guardianships",
      purposes: ["PARENT_NOTIFICATION"],
    });
  }
  if (guardian) {
    out.push({
      field: "Guardian",
      category: "account",
      value: `notices in ${guardian.language ?? guardian.locale}${guardian.digest ? ", daily digest" : ""}${guardian.notify ? "" : ", notices off"}`,
      source: "Replica of the users subgraph's profile and consents, with the notice preferences",
      purposes: ["PARENT_NOTIFICATION"],
    });
  }
  if (name) {
    out.push({
      field: "User.fullName",
      category: "name",
      value: name.cyrl ? `${name.latn} / ${name.cyrl}` : name.latn,
      source: "Copy of the users subgraph's profile, kept to name the student in notices to their guardians",
      purposes: ["PARENT_NOTIFICATION"],
    });
  }
  const copied: Array<[string, string | null | undefined]> = [
    ["User.phone", contact?.phone],
    ["User.email", contact?.email],
  ];
  for (const [field, value] of copied) {
    if (!value) continue;
    out.push({
      field,
      category: "contact",
      value,
      source: "Copy of the users subgraph's profile, kept to deliver notices",
      purposes: ["PARENT_NOTIFICATION"],
    });
  }
  if (prefs) {
    const chosen = Object.entries(prefs.channels ?? {})
      .map(([kind, channels]) => `${kind}: ${(channels ?? []).join(", ")}`)
      .join("; ");
    out.push({
      field: "NotificationPreferences",
      category: "contact",
      value: `channels ${chosen || "in-app only"}` + (prefs.telegramChatId ? `; Telegram chat ${prefs.telegramChatId}` : ""),
      source: "Chosen by the person",
      purposes: [...PREFERENCE_PURPOSES],
    });
  }
  for (const d of deliveries) {
    out.push({
      field: "Notification.deliveries",
      category: "messages",
      value: `notice ${d.noticeId} by ${d.channel}: ${d.status}${d.sentAt ? ` ${d.sentAt.toISOString()}` : ""}`,
      source: "Delivery of a notice through the channel the person chose",
      purposes: [...MESSAGE_PURPOSES],
    });
  }
  return out;
}

export const notificationsReportPart = reportPart<NotificationsContext>("notifications", { items });
