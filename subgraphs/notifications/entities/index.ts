import { RevokedSession } from "../../../shared/auth/revoked-session.entity.js";
import { Contact } from "./contact.entity.js";
import { Guardian } from "./guardian.entity.js";
import { GuardianLink } from "./guardian-link.entity.js";
import { Notification } from "./notification.entity.js";
import { StudentName } from "./student-name.entity.js";

export { Contact, Guardian, GuardianLink, Notification, StudentName };
export * from "./notification.entity.js";
export const notificationsEntities = [Notification, GuardianLink, Guardian, StudentName, Contact, RevokedSession];
