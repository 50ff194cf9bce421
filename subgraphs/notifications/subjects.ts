/**
 * The data subjects behind notices. A notice is the recipient's own correspondence: nobody but the
 * recipient (and the data protection officer under a legal request) relates to it, whatever their role.
 */
import type { SubjectOf } from "../../shared/auth/enforce.js";
import { isolatedSubject } from "../../shared/auth/subject.js";
import type { NotificationsContext } from "./context.js";
import type { Notification } from "./entities/index.js";
import type { NotificationPreferencesType } from "./types/preferences.js";

export const notificationsSubjects: Record<string, SubjectOf<NotificationsContext>> = {
  User: (user: { id: string }) => isolatedSubject(user.id, "PARENT"),
  Notification: (notice: Notification) => isolatedSubject(notice.recipientId, "PARENT"),
  // A parent's own settings, like their notices: theirs alone.
  NotificationPreferences: (prefs: NotificationPreferencesType) => isolatedSubject(prefs.recipientId, "PARENT"),
};
