import { RevokedSession } from "../../../shared/auth/revoked-session.entity.js";
import { Contact } from "./contact.entity.js";
import { GuardianLink } from "./guardian-link.entity.js";
import { Notification } from "./notification.entity.js";

export { Contact, GuardianLink, Notification };
export * from "./notification.entity.js";
export const notificationsEntities = [Notification, GuardianLink, Contact, RevokedSession];
