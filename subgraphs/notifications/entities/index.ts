import { RevokedSession } from "../../../shared/auth/revoked-session.entity.js";
import { Contact } from "./contact.entity.js";
import { Delivery } from "./delivery.entity.js";
import { Guardian } from "./guardian.entity.js";
import { GuardianLink } from "./guardian-link.entity.js";
import { NotificationPreference } from "./notification-preference.entity.js";
import { Notification } from "./notification.entity.js";
import { StudentName } from "./student-name.entity.js";
import { SubjectName } from "./subject-name.entity.js";

export { Contact, Delivery, Guardian, GuardianLink, Notification, NotificationPreference, StudentName, SubjectName };
export * from "./notification.entity.js";
export * from "./delivery.entity.js";
export type { ChannelChoices } from "./notification-preference.entity.js";
export const notificationsEntities = [
  Notification,
  GuardianLink,
  Guardian,
  StudentName,
  SubjectName,
  Contact,
  Delivery,
  NotificationPreference,
  RevokedSession,
];
